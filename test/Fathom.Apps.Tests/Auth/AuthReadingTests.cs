using Fathom.Apps.Auth;

namespace Fathom.Apps.Tests.Auth;

public sealed class AuthReadingTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Runtime: nodejs20.x
            Handler: index.handler
        Resources:
          Rest:
            Type: AWS::Serverless::Api
            Properties:
              StageName: Prod
              Auth:
                DefaultAuthorizer: Tok
                ApiKeyRequired: true
                Authorizers:
                  Tok:
                    FunctionArn: !GetAtt AuthFn.Arn
                    Identity: { Header: X-Token, ValidationExpression: "^Bearer .+$", ReauthorizeEvery: 0 }
                  Req:
                    FunctionPayloadType: REQUEST
                    FunctionArn: !GetAtt AuthFn.Arn
                    Identity: { Headers: [X-User], QueryStrings: [tenant], Context: [identity.sourceIp] }
                  Pool:
                    UserPoolArn: arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC
          Http:
            Type: AWS::Serverless::HttpApi
            Properties:
              Auth:
                DefaultAuthorizer: Jwt
                Authorizers:
                  Jwt:
                    JwtConfiguration: { issuer: "https://issuer.example/", audience: [app] }
                    AuthorizationScopes: [read]
                  Lam:
                    FunctionArn: !GetAtt AuthFn.Arn
                    AuthorizerPayloadFormatVersion: "2.0"
                    EnableSimpleResponses: true
                    Identity: { Headers: [Authorization], ReauthorizeEvery: 60 }
          AuthFn:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: exports.handler = async () => 1;
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: exports.handler = async () => 1;
              Events:
                Default: { Type: Api, Properties: { RestApiId: !Ref Rest, Path: /a, Method: get } }
                Request: { Type: Api, Properties: { RestApiId: !Ref Rest, Path: /b, Method: get, Auth: { Authorizer: Req, ApiKeyRequired: false } } }
                Cognito: { Type: Api, Properties: { RestApiId: !Ref Rest, Path: /c, Method: get, Auth: { Authorizer: Pool } } }
                Open: { Type: Api, Properties: { RestApiId: !Ref Rest, Path: /d, Method: get, Auth: { Authorizer: NONE, ApiKeyRequired: false } } }
                Iam: { Type: Api, Properties: { RestApiId: !Ref Rest, Path: /e, Method: get, Auth: { Authorizer: AWS_IAM } } }
                HttpDefault: { Type: HttpApi, Properties: { ApiId: !Ref Http, Path: /h1, Method: GET } }
                HttpScoped: { Type: HttpApi, Properties: { ApiId: !Ref Http, Path: /h2, Method: GET, Auth: { Authorizer: Jwt, AuthorizationScopes: [admin] } } }
                HttpLambda: { Type: HttpApi, Properties: { ApiId: !Ref Http, Path: /h3, Method: GET, Auth: { Authorizer: Lam } } }
          Key:
            Type: AWS::ApiGateway::ApiKey
            Properties: { Value: template-key-0123456789 }
        """;

    [Fact]
    public void Load_RoutesGetTheirAuthorizers()
    {
        var app = Load(Template);
        var routes = app.Routes.ToDictionary(r => r.Path);

        var token = routes["/a"].Auth!;
        token.Authorizer!.Kind.Should().Be(AuthorizerKind.LambdaToken);
        token.Authorizer.FunctionName.Should().Be("AuthFn");
        token.Authorizer.IdentitySources.Should().Equal("method.request.header.X-Token");
        token.Authorizer.ValidationExpression.Should().Be("^Bearer .+$");
        token.Authorizer.ResultTtlSeconds.Should().Be(0);
        token.ApiKeyRequired.Should().BeTrue("the API requires keys unless the event says otherwise");

        var request = routes["/b"].Auth!;
        request.Authorizer!.Kind.Should().Be(AuthorizerKind.LambdaRequest);
        request.Authorizer.IdentitySources.Should().Equal("method.request.header.X-User", "method.request.querystring.tenant", "context.identity.sourceIp");
        request.Authorizer.ResultTtlSeconds.Should().Be(300);
        request.ApiKeyRequired.Should().BeFalse();

        routes["/c"].Auth!.Authorizer!.Issuers.Should().Equal("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC");
        routes["/d"].Auth.Should().BeNull("Authorizer: NONE and no API key leave the route open");
        routes["/e"].Auth!.Authorizer!.Kind.Should().Be(AuthorizerKind.Iam);

        var jwt = routes["/h1"].Auth!;
        jwt.Authorizer!.Kind.Should().Be(AuthorizerKind.Jwt);
        jwt.Authorizer.Issuers.Should().Equal("https://issuer.example/");
        jwt.Authorizer.Audience.Should().Equal("app");
        jwt.Authorizer.IdentitySources.Should().Equal("$request.header.Authorization");
        jwt.Scopes.Should().Equal("read");
        routes["/h2"].Auth!.Scopes.Should().Equal("admin");

        var lambda = routes["/h3"].Auth!.Authorizer!;
        lambda.PayloadFormatVersion.Should().Be("2.0");
        lambda.SimpleResponses.Should().BeTrue();
        lambda.IdentitySources.Should().Equal("$request.header.Authorization");
        lambda.ResultTtlSeconds.Should().Be(60);
        app.ApiKeys.Values.Should().Equal("template-key-0123456789");
    }

    [Fact]
    public void Load_EventNamesUnknownAuthorizer_ErrorWithSuggestion()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template.Replace("Authorizer: Req,", "Authorizer: Reqq,", StringComparison.Ordinal));

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Select(e => e.Message).Should().Contain(m => m.Contains("authorizer 'Reqq' is not declared") && m.Contains("Req"));
    }

    [Fact]
    public void Load_HttpLambdaAuthorizerWithoutPayloadVersion_Error()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template.Replace("AuthorizerPayloadFormatVersion: \"2.0\"", "FunctionInvokeRole: x", StringComparison.Ordinal));

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Select(e => e.Message).Should().Contain(m => m.Contains("AuthorizerPayloadFormatVersion must be \"1.0\" or \"2.0\""));
    }

    [Fact]
    public void Load_ApiSection_JwksPathsResolvedAndShortKeysRefused()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", """
            api:
              jwks:
                - issuer: https://issuer.example/
                  file: keys/jwks.json
                - issuer: https://other.example/
                  url: http://127.0.0.1:8080/jwks.json
              apiKeys:
                good: config-key-0123456789abc
                short: tooshort
            """);

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Select(e => e.Message).Should().ContainSingle().Which.Should().Contain("api.apiKeys.short' is 8 characters");
        var config = AppLoader.LoadConfig(temp.Path, out _).Api;
        config.Jwks["https://issuer.example/"].Should().Be(Path.Combine(temp.Path, "keys", "jwks.json"));
        config.Jwks["https://other.example/"].Should().Be("http://127.0.0.1:8080/jwks.json");
        config.ApiKeys.Keys.Should().Equal("good");
    }

    private static AppModel Load(string template)
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", template);
        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);
        result.Errors.Should().BeEmpty();
        return result.Model!;
    }
}

using Fathom.Apps;
using Fathom.Apps.Auth;
using Fathom.Gateway.Authorizers;

namespace Fathom.Server.Environments;

/// <summary>Turns a route's authorization from the template into the gateway's, adding what fathom.yaml says:
/// JWKS overrides per issuer and API keys (beside the template's <c>AWS::ApiGateway::ApiKey</c> values).</summary>
internal static class RouteAuthMapper
{
    public static RouteAuthorization? Map(RouteAuthModel? auth, AppModel app)
    {
        if (auth is null)
        {
            return null;
        }

        return new RouteAuthorization
        {
            Authorizer = auth.Authorizer is { } a ? Authorizer(a, app) : null,
            Scopes = auth.Scopes,
            ApiKeyRequired = auth.ApiKeyRequired,
            ApiKeys = auth.ApiKeyRequired ? [.. app.ApiKeys.Values, .. app.Config.Api.ApiKeys.Values] : [],
        };
    }

    private static AuthorizerSettings Authorizer(AuthorizerModel a, AppModel app) => new()
    {
        Name = a.Name,
        Type = a.Kind switch
        {
            AuthorizerKind.LambdaToken => AuthorizerType.Token,
            AuthorizerKind.LambdaRequest => AuthorizerType.Request,
            AuthorizerKind.Jwt => AuthorizerType.Jwt,
            AuthorizerKind.CognitoUserPool => AuthorizerType.CognitoUserPools,
            _ => AuthorizerType.Iam,
        },
        FunctionName = a.FunctionName is { } name ? app.FindFunction(name)?.Name ?? name : null,
        Qualifier = a.FunctionName is { } f
            ? app.FindFunction(f)?.AutoPublishAlias ?? Fathom.Deployments.Versions.Qualifiers.DefaultAlias
            : null,
        IdentitySources = a.IdentitySources,
        ValidationExpression = a.ValidationExpression,
        ResultTtlSeconds = a.ResultTtlSeconds,
        PayloadFormatVersion = a.PayloadFormatVersion,
        SimpleResponses = a.SimpleResponses,
        Issuers = a.Issuers,
        Audience = a.Audience,
        JwksOverrides = a.Issuers.Where(app.Config.Api.Jwks.ContainsKey).ToDictionary(i => i, i => app.Config.Api.Jwks[i], StringComparer.Ordinal),
    };
}

using Fathom.Gateway.Routing;
using Fathom.Server.Environments;

namespace Fathom.Server.Tests.Up;

public sealed class RouteMapperTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          MyHttpApi:
            Type: AWS::Serverless::HttpApi
            Properties:
              CorsConfiguration:
                AllowOrigins: ["https://example.com"]
                AllowMethods: [GET, POST]
                MaxAge: 600
          Orders:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: "exports.handler = async () => 1;"
              Handler: index.handler
              Runtime: nodejs20.x
              AutoPublishAlias: prod
              Events:
                List:
                  Type: HttpApi
                  Properties:
                    ApiId: !Ref MyHttpApi
                    Path: /orders
                    Method: get
          Users:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: "exports.handler = async () => 1;"
              Handler: index.handler
              Runtime: nodejs20.x
              Events:
                Get:
                  Type: Api
                  Properties:
                    Path: /users/{id}
                    Method: get
        """;

    [Fact]
    public async Task Map_Routes_InvokeTheAutoPublishAliasElseLive()
    {
        await using var app = await UpApp.CreateAsync(Template);

        var routes = RouteMapper.Map(app.Load());

        routes.Single(r => r.FunctionName == "Orders").Qualifier.Should().Be("prod");
        routes.Single(r => r.FunctionName == "Users").Qualifier.Should().Be("live");
    }

    [Fact]
    public async Task Map_ApiKinds_KeepTheirPayloadVersions()
    {
        await using var app = await UpApp.CreateAsync(Template);

        var routes = RouteMapper.Map(app.Load());

        var orders = routes.Single(r => r.FunctionName == "Orders");
        var users = routes.Single(r => r.FunctionName == "Users");
        (orders.ApiKind, orders.Method, orders.Path, orders.PayloadFormatVersion).Should().Be((ApiKind.Http, "GET", "/orders", "2.0"));
        (users.ApiKind, users.Method, users.Path).Should().Be((ApiKind.Rest, "GET", "/users/{id}"));
        users.PayloadFormatVersion.Should().NotBe("2.0");
        orders.ApiLogicalId.Should().Be("MyHttpApi");
    }

    [Fact]
    public async Task Map_CorsConfiguration_IsCarriedToTheGateway()
    {
        await using var app = await UpApp.CreateAsync(Template);

        var routes = RouteMapper.Map(app.Load());

        var cors = routes.Single(r => r.FunctionName == "Orders").Cors;
        cors.Should().NotBeNull();
        cors!.AllowOrigins.Should().Equal("https://example.com");
        cors.AllowMethods.Should().Equal("GET", "POST");
        cors.MaxAge.Should().Be(600);
        routes.Single(r => r.FunctionName == "Users").Cors.Should().BeNull();
    }
}

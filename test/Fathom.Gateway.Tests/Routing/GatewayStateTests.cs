using Fathom.Gateway.Routing;
using Fathom.Gateway.Tests.Support;

namespace Fathom.Gateway.Tests.Routing;

public sealed class GatewayStateTests
{
    private static string? Match(GatewayState state, string method, string path) =>
        state.Current.Match(method, path.Split('/', StringSplitOptions.RemoveEmptyEntries))?.Route.RouteKey;

    [Fact]
    public void Match_ExactThenGreedyThenDefault()
    {
        var state = new GatewayState([
            Routes.Http("GET", "/pets/{id}"), Routes.Http("ANY", "/pets/{proxy+}"), Routes.Http("ANY", "/{proxy+}"), Routes.Http("GET", "$default"),
        ]);

        Match(state, "GET", "/pets/7").Should().Be("GET /pets/{id}");
        Match(state, "POST", "/pets/7").Should().Be("ANY /pets/{proxy+}");
        Match(state, "GET", "/pets/7/toys").Should().Be("ANY /pets/{proxy+}");
        Match(state, "GET", "/cats").Should().Be("ANY /{proxy+}");
        Match(state, "GET", "/").Should().Be("$default");
    }

    [Fact]
    public void Match_LiteralBeatsParameterAndMethodBeatsAny()
    {
        var state = new GatewayState([
            Routes.Http("ANY", "/pets/{id}"), Routes.Http("GET", "/pets/dog"), Routes.Http("POST", "/pets/{name}"),
        ]);

        Match(state, "GET", "/pets/dog").Should().Be("GET /pets/dog");
        Match(state, "GET", "/pets/cat").Should().Be("ANY /pets/{id}");
        Match(state, "POST", "/pets/cat").Should().Be("POST /pets/{name}");
        Match(state, "GET", "/pets").Should().BeNull();
    }

    [Fact]
    public void Match_PathsAreCaseSensitive()
    {
        var state = new GatewayState([Routes.Rest("GET", "/Hello")]);

        Match(state, "GET", "/Hello").Should().Be("GET /Hello");
        Match(state, "GET", "/hello").Should().BeNull();
    }

    [Fact]
    public void Update_InvalidRoutes_ReportsEveryErrorAndKeepsTheOldTable()
    {
        var state = new GatewayState([Routes.Http("GET", "/ok")]);

        var update = () => state.Update([
            Routes.Rest("GET", "$default"),
            Routes.Http("GET", "/a/{proxy+}/b"),
            Routes.Http("GET", "/x") with { TimeoutInMillis = 31_000 },
            Routes.Rest("GET", "/y") with { PayloadFormatVersion = "2.0" },
            Routes.Http("GET", "/dup/{a}"),
            Routes.Http("get", "/dup/{b}"),
            Routes.Http("GET", "/c") with { Cors = new CorsSettings { AllowOrigins = ["*"], AllowCredentials = true } },
            Routes.Http("GET", "/f", function: ""),
        ]);

        update.Should().Throw<GatewayConfigException>().Which.Errors.Should().HaveCount(7);
        state.Routes.Select(r => r.Path).Should().Equal("/ok");
        state.Generation.Should().Be(1);
    }
}

using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary>What <c>fathom up</c> prints at startup.</summary>
[Collection(GatewayAppCollection.Name)]
public sealed class ConsoleTests(GatewayAppFixture app)
{
    [Theory]
    [InlineData("GET", "/rest/items/{id}", GatewayAppFixture.EchoRest)]
    [InlineData("ANY", "/http/proxy/{proxy+}", GatewayAppFixture.EchoHttp)]
    [InlineData("GET", "/http/slow", GatewayAppFixture.Slow)]
    public void Startup_RouteTable_ShowsMethodUrlAndFunction(string method, string path, string function)
    {
        var url = app.Up.AppUrl.ToString().TrimEnd('/') + path;

        app.Up.Lines.Should().Contain(line => line.Contains(method + " ", StringComparison.Ordinal)
            && line.Contains(url + " ", StringComparison.Ordinal)
            && line.Contains(" " + function + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Startup_PrintsTheAdminUrl()
    {
        app.Up.Output.Should().Contain(app.Up.AdminUrl.ToString().TrimEnd('/'));
    }

    [Fact]
    public void Startup_SaysPlainlyThatItTakesNoToken()
    {
        app.Up.Output.Should().Contain("No token: any local process can use this server; the browser checks are its defence.");
    }
}

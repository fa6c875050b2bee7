using System.Net;
using System.Text;
using System.Text.Json;
using Fathom.Deployments.Versions;

namespace Fathom.Deployments.Tests.LambdaApi;

public sealed class LambdaManagementApiTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private ManagementHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await ManagementHost.StartAsync(_temp.Path);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task UpdateAlias_UnderTheEnvironmentPrefix_MovesOnlyThatEnvironmentsAlias()
    {
        using var response = await _host.Client.PutAsync("/aws/shop/prod/2015-03-31/functions/Orders/aliases/live",
            Json("""{"FunctionVersion":"1","RoutingConfig":{"AdditionalVersionWeights":{"2":0.25}}}"""), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var prod = _host.Prod.State.Functions["Orders"].Aliases["live"];
        prod.Version.Should().Be(1);
        prod.Routing.Should().Be(new AliasRouting(2, 0.25));
        _host.Dev.State.Functions["Orders"].Aliases["live"].Version.Should().Be(2, "dev was not addressed");
    }

    [Fact]
    public async Task AnyOperation_WithoutAnEnvironmentOnAServerWithSeveral_SaysToNameOne()
    {
        using var response = await _host.Client.GetAsync("/2015-03-31/functions/Orders/aliases", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be("ResourceNotFoundException");
        (await MessageAsync(response)).Should().Contain("this server holds 2 environments");
    }

    [Fact]
    public async Task PutFunctionConcurrency_KeepsTheValueAndTellsTheRuntimeWhichEnvironment()
    {
        using var put = await _host.Client.PutAsync("/aws/shop/dev/2017-10-31/functions/Orders/concurrency",
            Json("""{"ReservedConcurrentExecutions":4}"""), Ct);
        using var deleted = await _host.Client.DeleteAsync("/aws/shop/prod/2017-10-31/functions/Orders/concurrency", Ct);

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _host.Dev.GetReservedConcurrencyAsync("Orders", Ct)).Should().Be(4);
        _host.Concurrency.Calls.Should().Equal(("shop", "dev", "Orders", (int?)4), ("shop", "prod", "Orders", (int?)null));
    }

    [Theory]
    [InlineData("PUT", "/2015-03-31/functions/Orders/aliases/live", """{"FunctionVersion":"$LATEST"}""", 400, "InvalidParameterValueException")]
    [InlineData("PUT", "/2015-03-31/functions/Orders/aliases/live", """{"RoutingConfig":{"AdditionalVersionWeights":{"1":1.0}}}""", 400, "InvalidParameterValueException")]
    [InlineData("PUT", "/2015-03-31/functions/Orders/aliases/live", """{"RoutingConfig":{"AdditionalVersionWeights":{"2":0.5}}}""", 400, "InvalidParameterValueException")]
    [InlineData("PUT", "/2015-03-31/functions/Orders/aliases/live", """{"FunctionVersion":"9"}""", 404, "ResourceNotFoundException")]
    [InlineData("PUT", "/2015-03-31/functions/Orders/aliases/live", """not json""", 400, "InvalidRequestContentException")]
    [InlineData("POST", "/2015-03-31/functions/Orders/aliases", """{"Name":"live","FunctionVersion":"1"}""", 409, "ResourceConflictException")]
    [InlineData("POST", "/2015-03-31/functions/Orders/aliases", """{"Name":"123","FunctionVersion":"1"}""", 400, "InvalidParameterValueException")]
    [InlineData("POST", "/2015-03-31/functions/Nope/aliases", """{"Name":"x","FunctionVersion":"1"}""", 404, "ResourceNotFoundException")]
    [InlineData("PUT", "/2017-10-31/functions/Orders/concurrency", """{"ReservedConcurrentExecutions":-1}""", 400, "InvalidParameterValueException")]
    [InlineData("PUT", "/2017-10-31/functions/Orders:live/concurrency", """{"ReservedConcurrentExecutions":1}""", 400, "InvalidParameterValueException")]
    public async Task BadRequest_AnswersLambdasErrorAndChangesNothing(string method, string path, string body, int status, string code)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/aws/shop/dev" + path) { Content = Json(body) };

        using var response = await _host.Client.SendAsync(request, Ct);

        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync(Ct));
        response.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be(code);
        (await MessageAsync(response)).Should().NotBeNullOrEmpty();
        var live = _host.Dev.State.Functions["Orders"].Aliases["live"];
        live.Version.Should().Be(2);
        live.Routing.Should().BeNull();
        (await _host.Dev.GetReservedConcurrencyAsync("Orders", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task ListVersionsByFunction_PagesOfMaxItems_WalkTheMarker()
    {
        using var first = await _host.Client.GetAsync("/aws/shop/dev/2015-03-31/functions/Orders/versions?MaxItems=2", Ct);
        var page = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement;
        var marker = page.GetProperty("NextMarker").GetString()!;
        using var second = await _host.Client.GetAsync($"/aws/shop/dev/2015-03-31/functions/Orders/versions?MaxItems=2&Marker={Uri.EscapeDataString(marker)}", Ct);
        var next = JsonDocument.Parse(await second.Content.ReadAsStringAsync(Ct)).RootElement;

        page.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("Version").GetString()).Should().Equal("$LATEST", "1");
        next.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("Version").GetString()).Should().Equal("2");
        next.TryGetProperty("NextMarker", out _).Should().BeFalse();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<string?> MessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("message").GetString();
}

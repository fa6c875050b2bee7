using System.Net;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Tests.Support;

namespace Fathom.Gateway.Tests.Traffic;

public sealed class CorsTests
{
    private static readonly CorsSettings Cors = new()
    {
        AllowOrigins = ["https://app.example.com"],
        AllowMethods = ["GET", "POST"],
        AllowHeaders = ["content-type", "x-api-key"],
        ExposeHeaders = ["x-total"],
        MaxAge = 600,
        AllowCredentials = true,
    };

    [Fact]
    public async Task Options_PreflightFromAllowedOrigin_AnswersFromRouteSettings()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("POST", "/orders") with { Cors = Cors });
        using var request = new HttpRequestMessage(HttpMethod.Options, "/orders");
        request.Headers.Add("Origin", "https://app.example.com");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().Should().Be("https://app.example.com");
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Be("GET,POST");
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().Should().Be("content-type,x-api-key");
        response.Headers.GetValues("Access-Control-Max-Age").Single().Should().Be("600");
        response.Headers.GetValues("Access-Control-Allow-Credentials").Single().Should().Be("true");
        host.Invoker.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Options_PreflightFromOtherOrigin_HasNoAllowOrigin()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("GET", "/orders") with { Cors = Cors });
        using var request = new HttpRequestMessage(HttpMethod.Options, "/orders");
        request.Headers.Add("Origin", "https://evil.example.com");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Get_FromAllowedOrigin_ResponseCarriesCorsHeaders()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/orders") with { Cors = Cors });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Add("Origin", "https://app.example.com");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().Should().Be("https://app.example.com");
        response.Headers.GetValues("Access-Control-Expose-Headers").Single().Should().Be("x-total");
        response.Headers.GetValues("Access-Control-Allow-Credentials").Single().Should().Be("true");
    }

    [Fact]
    public async Task Options_NoCorsConfigured_GoesToTheFunction()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("ANY", "/orders"));
        using var request = new HttpRequestMessage(HttpMethod.Options, "/orders");
        request.Headers.Add("Origin", "https://app.example.com");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Invoker.Requests.Should().ContainSingle();
    }
}

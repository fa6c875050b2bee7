using Fathom.Gateway.Routing;
using Fathom.Server.Tests.Support;

namespace Fathom.Server.Tests.Robustness;

/// <summary>Regressions: requests that used to get a 500 on the app port (gateway) or the admin port (Invoke API).</summary>
public sealed class ClientMistakeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static readonly GatewayRoute[] Routes =
    [
        new() { Method = "ANY", Path = "/any", FunctionName = "hello", Qualifier = "live", ApiId = "h1", ApiLogicalId = "ServerlessHttpApi" },
        new() { Method = "ANY", Path = "/rest/{proxy+}", FunctionName = "hello", ApiKind = ApiKind.Rest, ApiId = "r1", ApiLogicalId = "ServerlessRestApi" },
    ];

    [Theory]
    [InlineData("/any", """{"message":"Bad Request"}""")]
    [InlineData("/rest/x", """{"message": "Bad Request"}""")]
    public async Task Post_ChunkSizeOverflow_AppPortIs400NotA500(string path, string expectedBody)
    {
        await using var test = await TestServer.CreateAsync(routes: Routes);
        var server = test.Server;
        await server.StartAsync(TestContext.Current.CancellationToken);

        var response = await RawHttpExchange.SendAsync(server.AppUrl, ChunkSizeOverflow(server.AppUrl, path), Deadline);

        response.Should().NotBeNull();
        response!.Status.Should().Be(400);
        response.Body.Should().Be(expectedBody);
    }

    [Fact]
    public async Task Invoke_ChunkSizeOverflow_AdminPortIs400InvalidRequestContent()
    {
        await using var test = await TestServer.CreateAsync(routes: Routes);
        var server = test.Server;
        await server.StartAsync(TestContext.Current.CancellationToken);

        var response = await RawHttpExchange.SendAsync(server.AdminUrl, ChunkSizeOverflow(server.AdminUrl, "/2015-03-31/functions/hello/invocations"), Deadline);

        response.Should().NotBeNull();
        response!.Status.Should().Be(400);
        response.Header("x-amzn-ErrorType").Should().Be("InvalidRequestContentException");
        response.Body.Should().Contain("Could not read the request body");
    }

    [Theory]
    [InlineData(0, "/any", 404, """{"message":"Not Found"}""")]
    [InlineData(1, "/rest/x", 403, """{"message": "Missing Authentication Token"}""")]
    public async Task Connect_OnAnAnyRoute_IsTheNoRouteAnswerNotA500(int route, string path, int status, string expectedBody)
    {
        // One API kind per server, so the no-route answer has that kind's shape.
        await using var test = await TestServer.CreateAsync(routes: [Routes[route]]);
        var server = test.Server;
        await server.StartAsync(TestContext.Current.CancellationToken);

        var response = await RawHttpExchange.SendAsync(server.AppUrl, RawHttpExchange.Bytes($"CONNECT {path} HTTP/1.1\nHost: {server.AppUrl.Authority}\n\n"), Deadline);

        response.Should().NotBeNull();
        response!.Status.Should().Be(status);
        response.Body.Should().Be(expectedBody);
    }

    [Fact]
    public async Task Connect_WithADefaultRoute_IsNotFoundNotA500()
    {
        await using var test = await TestServer.CreateAsync(routes: [new GatewayRoute { Path = "$default", FunctionName = "hello", Qualifier = "live", ApiId = "h1" }]);
        var server = test.Server;
        await server.StartAsync(TestContext.Current.CancellationToken);

        var response = await RawHttpExchange.SendAsync(server.AppUrl, RawHttpExchange.Bytes($"CONNECT /anything HTTP/1.1\nHost: {server.AppUrl.Authority}\n\n"), Deadline);

        response.Should().NotBeNull();
        response!.Status.Should().Be(404);
    }

    private static byte[] ChunkSizeOverflow(Uri baseUrl, string path) => RawHttpExchange.Bytes(
        $"POST {path} HTTP/1.1\nHost: {baseUrl.Authority}\nContent-Type: application/json\nTransfer-Encoding: chunked\n\nFFFFFFFFFFFFFFFFFFFF\r\n{{}}\r\n0\r\n\r\n");
}

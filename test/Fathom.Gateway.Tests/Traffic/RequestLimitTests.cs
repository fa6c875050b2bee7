using System.Net;
using Fathom.Gateway.Tests.Support;

namespace Fathom.Gateway.Tests.Traffic;

public sealed class RequestLimitTests
{
    [Fact]
    public async Task Post_DeclaredBodyOver6MB_Is413BeforeReadingIt()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("POST", "/upload"));

        // Only the head is sent: the answer must come without the body.
        var (status, _, body) = await RawHttp.SendAsync(host.BaseUrl, """
            POST /upload HTTP/1.1
            Host: 127.0.0.1
            Content-Type: application/json
            Content-Length: 6291457
            """);

        status.Should().Be(413);
        body.Should().Be("""{"message":"Request Entity Too Large"}""");
        host.Invoker.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_BinaryBodyOver6MBAfterBase64_Is413()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("POST", "/upload"));
        var content = new ByteArrayContent(new byte[4_718_593]) { Headers = { { "Content-Type", "application/zip" } } };

        using var response = await host.Client.PostAsync("/upload", content, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"message": "Request Too Long"}""");
        host.Invoker.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_ChunkedBodyOver6MB_Is413()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("POST", "/upload"));
        var content = new StreamContent(new MemoryStream(new byte[6_300_000])) { Headers = { { "Content-Type", "text/plain" } } };
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_BodyJustUnderTheLimit_IsInvoked()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("POST", "/upload"));
        host.Invoker.Returns("\"ok\"");
        var content = new ByteArrayContent(new byte[4_718_592]) { Headers = { { "Content-Type", "application/octet-stream" } } };

        using var response = await host.Client.PostAsync("/upload", content, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Invoker.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Get_OversizedHeaders_IsAClientErrorNot500()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/x"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/x");
        request.Headers.Add("X-Big", new string('a', 40_000));

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        ((int)response.StatusCode).Should().Be(431);
        host.Invoker.Requests.Should().BeEmpty();
    }
}

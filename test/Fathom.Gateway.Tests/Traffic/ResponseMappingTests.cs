using System.Net;
using Fathom.Gateway.Tests.Support;

namespace Fathom.Gateway.Tests.Traffic;

public sealed class ResponseMappingTests
{
    [Fact]
    public async Task HttpApi_PlainObject_BecomesJson200()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/x"));
        host.Invoker.Returns("""{"id":7,"name":"seven"}""");

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"id":7,"name":"seven"}""");
    }

    [Fact]
    public async Task HttpApi_PlainString_BecomesBodyWithoutQuotes()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/x"));
        host.Invoker.Returns("\"Hello from Lambda!\"");

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("Hello from Lambda!");
    }

    [Fact]
    public async Task HttpApi_StructuredWithCookiesAndBase64_MapsEveryPart()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/x"));
        var bytes = new byte[] { 1, 2, 3, 255 };
        host.Invoker.Returns($$"""
            {"statusCode":201,"headers":{"content-type":"application/octet-stream","x-count":3},
             "cookies":["a=1; Path=/","b=2"],"body":"{{Convert.ToBase64String(bytes)}}","isBase64Encoded":true}
            """);

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("Set-Cookie").Should().Equal("a=1; Path=/", "b=2");
        response.Headers.GetValues("x-count").Single().Should().Be("3");
        (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Should().Equal(bytes);
    }

    [Fact]
    public async Task RestApi_HeadersAndMultiValueHeaders_AreMergedWithMultiWinning()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("GET", "/x"));
        host.Invoker.Returns("""
            {"statusCode":"202","headers":{"x-one":"single","x-both":"from-headers"},
             "multiValueHeaders":{"x-both":["m1","m2"],"x-many":["a","b"]},"body":"done"}
            """);

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Headers.GetValues("x-one").Should().Equal("single");
        response.Headers.GetValues("x-both").Should().Equal("m1", "m2");
        response.Headers.GetValues("x-many").Should().Equal("a", "b");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("done");
    }

    [Theory]
    [InlineData("""{"id":7}""")]
    [InlineData("""{"statusCode":200,"body":{"not":"a string"}}""")]
    [InlineData("""{"statusCode":"abc"}""")]
    [InlineData("not json at all")]
    [InlineData("""{"statusCode":200,"headers":{"bad header":"x"}}""")]
    public async Task RestApi_MalformedProxyResponse_Is502(string payload)
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("GET", "/x"));
        host.Invoker.Returns(payload);

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"message": "Internal server error"}""");
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"statusCode":99}""")]
    [InlineData("""{"statusCode":200,"isBase64Encoded":true,"body":"***"}""")]
    public async Task HttpApi_MalformedProxyResponse_Is500(string payload)
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/x"));
        host.Invoker.Returns(payload);

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"message":"Internal Server Error"}""");
    }

    [Theory]
    [InlineData(204)]
    [InlineData(304)]
    public async Task HttpApi_StatusWithoutABodyButABodyGiven_IsSentWithoutIt(int status)
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/x"));
        host.Invoker.Returns($$"""{"statusCode":{{status}},"body":"ignored"}""");

        var (code, head, body) = await RawHttp.SendAsync(host.BaseUrl, "GET /x HTTP/1.1\nHost: a\nConnection: close");

        code.Should().Be(status, head);
        body.Should().BeEmpty();
    }

    [Theory]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(199)]
    public async Task RestApi_InterimStatus_IsAMalformedResponse(int status)
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("GET", "/x"));
        host.Invoker.Returns($$"""{"statusCode":{{status}},"body":"x"}""");

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"message": "Internal server error"}""");
    }
}

using System.Net;
using Fathom.Gateway.Tests.Support;

namespace Fathom.Gateway.Tests.Traffic;

public sealed class RestApiEventTests
{
    [Fact]
    public async Task Get_ProxyRoute_EventHasEveryPayload10Field()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("ANY", "/api/{proxy+}"));
        var (status, head, _) = await RawHttp.SendAsync(host.BaseUrl, """
            GET /api/orders/7?tag=a&tag=b&page=2 HTTP/1.1
            Host: abc123.execute-api.us-east-1.amazonaws.com
            X-Custom-Header: first
            X-Custom-Header: second
            User-Agent: test-agent
            """);

        status.Should().Be(200);
        var invocation = host.Invoker.Requests.Single();
        var requestId = head.Split("\r\n").Single(l => l.StartsWith("x-amzn-RequestId:", StringComparison.Ordinal))["x-amzn-RequestId:".Length..].Trim();
        invocation.RequestId.Should().Be(requestId);
        invocation.Deadline.Should().Be(GatewayHost.Now + TimeSpan.FromSeconds(29));

        var e = EventJson.Parse(invocation);
        e.TryGetProperty("version", out _).Should().BeFalse();
        e.GetProperty("resource").GetString().Should().Be("/api/{proxy+}");
        e.GetProperty("path").GetString().Should().Be("/api/orders/7");
        e.GetProperty("httpMethod").GetString().Should().Be("GET");
        e.GetProperty("headers").GetProperty("X-Custom-Header").GetString().Should().Be("second");
        e.GetProperty("multiValueHeaders").GetProperty("X-Custom-Header").EnumerateArray().Select(v => v.GetString()).Should().Equal("first", "second");
        e.GetProperty("queryStringParameters").GetProperty("tag").GetString().Should().Be("b");
        e.GetProperty("multiValueQueryStringParameters").GetProperty("tag").EnumerateArray().Select(v => v.GetString()).Should().Equal("a", "b");
        e.GetProperty("pathParameters").GetProperty("proxy").GetString().Should().Be("orders/7");
        e.GetProperty("stageVariables").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        e.GetProperty("body").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        e.GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();

        var context = e.GetProperty("requestContext");
        context.GetProperty("accountId").GetString().Should().Be("000000000000");
        context.GetProperty("apiId").GetString().Should().Be("restapi1");
        context.GetProperty("domainName").GetString().Should().Be("abc123.execute-api.us-east-1.amazonaws.com");
        context.GetProperty("domainPrefix").GetString().Should().Be("abc123");
        context.GetProperty("httpMethod").GetString().Should().Be("GET");
        context.GetProperty("path").GetString().Should().Be("/Prod/api/orders/7");
        context.GetProperty("protocol").GetString().Should().Be("HTTP/1.1");
        context.GetProperty("requestId").GetString().Should().Be(requestId);
        context.GetProperty("extendedRequestId").GetString().Should().Be(requestId);
        context.GetProperty("requestTime").GetString().Should().Be("12/Mar/2026:19:03:58 +0000");
        context.GetProperty("requestTimeEpoch").GetInt64().Should().Be(GatewayHost.Now.ToUnixTimeMilliseconds());
        context.GetProperty("resourcePath").GetString().Should().Be("/api/{proxy+}");
        context.GetProperty("resourceId").GetString().Should().NotBeEmpty();
        context.GetProperty("stage").GetString().Should().Be("Prod");
        var identity = context.GetProperty("identity");
        identity.GetProperty("sourceIp").GetString().Should().Be("127.0.0.1");
        identity.GetProperty("userAgent").GetString().Should().Be("test-agent");
        identity.GetProperty("cognitoIdentityId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Get_NoQueryNoParameters_MapsAreNull()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("GET", "/"));

        using var response = await host.Client.GetAsync("/", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var e = EventJson.Parse(host.Invoker.Requests.Single());
        e.GetProperty("queryStringParameters").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        e.GetProperty("multiValueQueryStringParameters").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        e.GetProperty("pathParameters").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        e.GetProperty("resource").GetString().Should().Be("/");
    }

    [Fact]
    public async Task Post_BinaryBody_IsBase64Encoded()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("POST", "/files"));
        var bytes = new byte[] { 0, 1, 2, 250, 251, 252 };

        using var response = await host.Client.PostAsync("/files",
            new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/octet-stream" } } }, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var e = EventJson.Parse(host.Invoker.Requests.Single());
        e.GetProperty("isBase64Encoded").GetBoolean().Should().BeTrue();
        Convert.FromBase64String(e.GetProperty("body").GetString()!).Should().Equal(bytes);
    }
}

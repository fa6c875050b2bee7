using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Gateway;

/// <summary>The events real Node.js runtimes receive through <c>fathom up</c>'s gateway: the echo functions return
/// the event they were given, so every field API Gateway would send is asserted end to end.</summary>
[Collection(GatewayAppCollection.Name)]
public sealed class GatewayEventTests(GatewayAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RestGet_PayloadV1_EventHasPathQueryHeadersAndRequestContext()
    {
        var response = await RawHttp.SendAsync(app.Up.AppUrl, """
            GET /rest/items/42?color=red&size=s&size=m HTTP/1.1
            X-Custom: one
            X-Repeat: a
            X-Repeat: b
            """, Ct);

        response.Status.Should().Be(200, response.Body);
        var body = JsonDocument.Parse(response.Body).RootElement;
        var e = body.GetProperty("event");
        e.GetProperty("resource").GetString().Should().Be("/rest/items/{id}");
        e.GetProperty("path").GetString().Should().Be("/rest/items/42");
        e.GetProperty("httpMethod").GetString().Should().Be("GET");
        e.GetProperty("pathParameters").GetProperty("id").GetString().Should().Be("42");
        e.GetProperty("queryStringParameters").GetProperty("color").GetString().Should().Be("red");
        e.GetProperty("queryStringParameters").GetProperty("size").GetString().Should().Be("m", "single-value maps keep the last value");
        Strings(e.GetProperty("multiValueQueryStringParameters").GetProperty("size")).Should().Equal("s", "m");
        Property(e.GetProperty("headers"), "X-Custom").GetString().Should().Be("one");
        Strings(Property(e.GetProperty("multiValueHeaders"), "X-Repeat")).Should().Equal("a", "b");
        e.GetProperty("body").ValueKind.Should().Be(JsonValueKind.Null);
        e.GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();
        var context = e.GetProperty("requestContext");
        context.GetProperty("stage").GetString().Should().Be("Prod");
        context.GetProperty("path").GetString().Should().Be("/Prod/rest/items/42");
        context.GetProperty("resourcePath").GetString().Should().Be("/rest/items/{id}");
        context.GetProperty("identity").GetProperty("sourceIp").GetString().Should().Be("127.0.0.1");

        // One id from the client's response header, through the event, to the function's own context and log line.
        var requestId = response.Header("x-amzn-RequestId");
        requestId.Should().NotBeNullOrEmpty();
        context.GetProperty("requestId").GetString().Should().Be(requestId);
        body.GetProperty("requestId").GetString().Should().Be(requestId, "the function's context.awsRequestId is the gateway's request id");
        response.Header("x-request-id-seen").Should().Be(requestId);
        response.Headers.Where(h => h.Key.Equals("x-multi", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)
            .Should().Equal(["a", "b"], "multiValueHeaders become repeated header lines");
        body.GetProperty("greeting").GetString().Should().Be("hello", "Globals environment variables reach the function");
        // The function's own log line, prefixed with its name in the console, carries the request id the client got.
        await app.Up.WaitForFunctionLineAsync(GatewayAppFixture.EchoRest, requestId!, "echo rest /rest/items/42");
    }

    [Fact]
    public async Task HttpGet_PayloadV2_EventHasLowercasedHeadersCookiesAndRawQuery()
    {
        var response = await RawHttp.SendAsync(app.Up.AppUrl, """
            GET /http/items/42?color=red&size=s&size=m HTTP/1.1
            X-Custom: one
            X-Repeat: a
            X-Repeat: b
            Cookie: c1=v1; c2=v2
            """, Ct);

        response.Status.Should().Be(200, response.Body);
        response.Header("content-type").Should().StartWith("application/json", "a plain object is the 2.0 shortcut for a JSON 200");
        var body = JsonDocument.Parse(response.Body).RootElement;
        var e = body.GetProperty("event");
        e.GetProperty("version").GetString().Should().Be("2.0");
        e.GetProperty("routeKey").GetString().Should().Be("GET /http/items/{id}");
        e.GetProperty("rawPath").GetString().Should().Be("/http/items/42");
        e.GetProperty("rawQueryString").GetString().Should().Be("color=red&size=s&size=m");
        e.GetProperty("queryStringParameters").GetProperty("size").GetString().Should().Be("s,m");
        e.GetProperty("pathParameters").GetProperty("id").GetString().Should().Be("42");
        Strings(e.GetProperty("cookies")).Should().Equal("c1=v1", "c2=v2");
        var headers = e.GetProperty("headers");
        headers.EnumerateObject().Select(h => h.Name).Should().OnlyContain(n => n == n.ToLowerInvariant());
        headers.GetProperty("x-custom").GetString().Should().Be("one");
        headers.GetProperty("x-repeat").GetString().Should().Be("a,b");
        headers.TryGetProperty("cookie", out _).Should().BeFalse("2.0 moves cookies out of the headers");
        e.TryGetProperty("body", out _).Should().BeFalse("an empty body is omitted in 2.0");
        e.GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();
        var context = e.GetProperty("requestContext");
        context.GetProperty("stage").GetString().Should().Be("$default");
        context.GetProperty("http").GetProperty("method").GetString().Should().Be("GET");
        context.GetProperty("http").GetProperty("path").GetString().Should().Be("/http/items/42");
        context.GetProperty("http").GetProperty("sourceIp").GetString().Should().Be("127.0.0.1");

        var requestId = response.Header("apigw-requestid");
        requestId.Should().NotBeNullOrEmpty();
        context.GetProperty("requestId").GetString().Should().Be(requestId);
        body.GetProperty("requestId").GetString().Should().Be(requestId);
        await app.Up.WaitForFunctionLineAsync(GatewayAppFixture.EchoHttp, requestId!, "echo http /http/items/42");
    }

    [Fact]
    public async Task HttpGet_RouteWithPayloadV1_GetsA10Event()
    {
        using var client = app.Up.AppClient();

        using var response = await client.GetAsync("/http/v1/items/7?q=1", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var e = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("event");
        e.GetProperty("version").GetString().Should().Be("1.0");
        e.GetProperty("httpMethod").GetString().Should().Be("GET");
        e.GetProperty("path").GetString().Should().Be("/http/v1/items/7");
        e.GetProperty("pathParameters").GetProperty("id").GetString().Should().Be("7");
        Strings(e.GetProperty("multiValueQueryStringParameters").GetProperty("q")).Should().Equal("1");
        e.GetProperty("requestContext").GetProperty("requestId").GetString()
            .Should().Be(response.Headers.GetValues("apigw-requestid").Single());
    }

    [Fact]
    public async Task AnyProxyRoutes_BothPayloads_PassTheGreedyPathAndMethod()
    {
        using var client = app.Up.AppClient();

        using var rest = await client.DeleteAsync("/rest/proxy/a/b/c", Ct);
        using var http = await client.PutAsync("/http/proxy/x/y", new StringContent("{\"n\":1}", MediaTypeHeaderValue.Parse("application/json")), Ct);

        rest.StatusCode.Should().Be(HttpStatusCode.OK, await rest.Content.ReadAsStringAsync(Ct));
        var restEvent = JsonDocument.Parse(await rest.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("event");
        restEvent.GetProperty("resource").GetString().Should().Be("/rest/proxy/{proxy+}");
        restEvent.GetProperty("httpMethod").GetString().Should().Be("DELETE");
        restEvent.GetProperty("pathParameters").GetProperty("proxy").GetString().Should().Be("a/b/c");
        http.StatusCode.Should().Be(HttpStatusCode.OK, await http.Content.ReadAsStringAsync(Ct));
        var httpEvent = JsonDocument.Parse(await http.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("event");
        httpEvent.GetProperty("routeKey").GetString().Should().Be("ANY /http/proxy/{proxy+}");
        httpEvent.GetProperty("requestContext").GetProperty("http").GetProperty("method").GetString().Should().Be("PUT");
        httpEvent.GetProperty("pathParameters").GetProperty("proxy").GetString().Should().Be("x/y");
        httpEvent.GetProperty("body").GetString().Should().Be("{\"n\":1}", "a JSON body goes in as text");
        httpEvent.GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task BinaryPost_BothPayloads_BodyIsBase64Encoded()
    {
        using var client = app.Up.AppClient();
        byte[] bytes = [0, 1, 2, 0x89, 0xfe, 0xff];

        using var rest = await client.PostAsync("/rest/proxy/upload", Binary(bytes), Ct);
        using var http = await client.PostAsync("/http/proxy/upload", Binary(bytes), Ct);

        foreach (var response in new[] { rest, http })
        {
            var text = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, text);
            var e = JsonDocument.Parse(text).RootElement.GetProperty("event");
            e.GetProperty("isBase64Encoded").GetBoolean().Should().BeTrue();
            Convert.FromBase64String(e.GetProperty("body").GetString()!).Should().Equal(bytes);
        }
    }

    private static ByteArrayContent Binary(byte[] bytes) =>
        new(bytes) { Headers = { ContentType = MediaTypeHeaderValue.Parse("application/octet-stream") } };

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(v => v.GetString()!).ToArray();

    // Payload 1.0 keeps the client's header casing; look the name up the way a handler reading it loosely would.
    private static JsonElement Property(JsonElement map, string name) =>
        map.EnumerateObject().Single(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

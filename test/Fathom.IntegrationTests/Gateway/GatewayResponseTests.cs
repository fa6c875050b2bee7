using System.Net;
using System.Net.Http.Headers;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Gateway;

/// <summary>How <c>fathom up</c> maps what real runtimes return, and the errors API Gateway itself answers
/// (docs/gateway-errors.md), per API kind.</summary>
[Collection(GatewayAppCollection.Name)]
public sealed class GatewayResponseTests(GatewayAppFixture app)
{
    private const string RestInternalError = """{"message": "Internal server error"}""";
    private const string HttpInternalError = """{"message":"Internal Server Error"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shapes_HttpApi_StringShortcutBinaryCookiesAndStatus()
    {
        using var client = app.Up.AppClient();

        using var text = await client.GetAsync("/http/shapes/string", Ct);
        using var binary = await client.GetAsync("/http/shapes/binary", Ct);
        using var cookies = await client.GetAsync("/http/shapes/cookies", Ct);
        using var status = await client.GetAsync("/http/shapes/status", Ct);

        text.StatusCode.Should().Be(HttpStatusCode.OK);
        (await text.Content.ReadAsStringAsync(Ct)).Should().Be("just a string", "a returned string is the body, without JSON quotes");
        binary.StatusCode.Should().Be(HttpStatusCode.OK);
        binary.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await binary.Content.ReadAsByteArrayAsync(Ct)).Should().Equal(0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255);
        cookies.StatusCode.Should().Be(HttpStatusCode.Created);
        cookies.Headers.GetValues("Set-Cookie").Should().Equal("a=1; Path=/", "b=2");
        cookies.Headers.GetValues("x-one").Should().Equal("1");
        (await cookies.Content.ReadAsStringAsync(Ct)).Should().Be("ok");
        ((int)status.StatusCode).Should().Be(418);
        (await status.Content.ReadAsStringAsync(Ct)).Should().Be("teapot");
    }

    [Fact]
    public async Task Shapes_RestApi_BinaryRoundTripsAndStringIsMalformed()
    {
        using var client = app.Up.AppClient();

        using var binary = await client.GetAsync("/rest/shapes/binary", Ct);
        using var text = await client.GetAsync("/rest/shapes/string", Ct);

        binary.StatusCode.Should().Be(HttpStatusCode.OK);
        (await binary.Content.ReadAsByteArrayAsync(Ct)).Should().Equal(0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255);
        text.StatusCode.Should().Be(HttpStatusCode.BadGateway, "payload 1.0 has no shortcut: a bare string is a malformed proxy response");
        (await text.Content.ReadAsStringAsync(Ct)).Should().Be(RestInternalError);
    }

    [Fact]
    public async Task Malformed_ProxyResponse_Is502RestAnd500Http()
    {
        using var client = app.Up.AppClient();

        using var rest = await client.GetAsync("/rest/shapes/malformed", Ct);
        using var http = await client.GetAsync("/http/shapes/malformed", Ct);

        rest.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await rest.Content.ReadAsStringAsync(Ct)).Should().Be(RestInternalError);
        rest.Headers.Contains("x-amzn-RequestId").Should().BeTrue();
        http.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await http.Content.ReadAsStringAsync(Ct)).Should().Be(HttpInternalError);
        http.Headers.Contains("apigw-requestid").Should().BeTrue();
    }

    [Fact]
    public async Task FunctionError_Is502RestAnd500Http_AndItsOutputIsPrefixedWithTheFunctionName()
    {
        using var client = app.Up.AppClient();

        using var rest = await client.GetAsync("/rest/fail", Ct);
        using var http = await client.GetAsync("/http/fail", Ct);

        rest.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await rest.Content.ReadAsStringAsync(Ct)).Should().Be(RestInternalError);
        http.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await http.Content.ReadAsStringAsync(Ct)).Should().Be(HttpInternalError);
        var restId = rest.Headers.GetValues("x-amzn-RequestId").Single();
        var httpId = http.Headers.GetValues("apigw-requestid").Single();
        await app.Up.WaitForFunctionLineAsync(GatewayAppFixture.Failing, restId, "about to fail");
        await app.Up.WaitForFunctionLineAsync(GatewayAppFixture.Failing, httpId, "about to fail");
    }

    [Fact]
    public async Task FunctionTimeout_IsAFunctionError_502RestAnd500Http()
    {
        using var client = app.Up.AppClient();

        // Slow sleeps 3 s with Timeout: 1; the function's own timeout is a function error, not an integration timeout.
        var restCall = client.GetAsync("/rest/slow", Ct);
        var httpCall = client.GetAsync("/http/slow", Ct);
        using var rest = await restCall;
        using var http = await httpCall;

        rest.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await rest.Content.ReadAsStringAsync(Ct)).Should().Be(RestInternalError);
        http.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await http.Content.ReadAsStringAsync(Ct)).Should().Be(HttpInternalError);
    }

    [Fact]
    public async Task NoRoute_AppWithAnHttpApi_Is404NotFound()
    {
        using var client = app.Up.AppClient();

        using var unknownPath = await client.GetAsync("/nowhere", Ct);
        using var wrongMethod = await client.PostAsync("/http/items/42", new StringContent("{}"), Ct);

        unknownPath.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknownPath.Content.ReadAsStringAsync(Ct)).Should().Be("""{"message":"Not Found"}""");
        wrongMethod.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Preflight_RestAndHttpApis_AnswerFromTheTemplatesCors()
    {
        using var client = app.Up.AppClient();

        using var rest = await client.SendAsync(Preflight("/rest/items/42", "https://app.example.com"), Ct);
        using var http = await client.SendAsync(Preflight("/http/items/42", "https://app.example.com"), Ct);
        using var stranger = await client.SendAsync(Preflight("/http/items/42", "https://evil.example.com"), Ct);

        rest.StatusCode.Should().Be(HttpStatusCode.OK);
        rest.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://app.example.com");
        rest.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain("GET").And.Contain("POST");
        rest.Headers.GetValues("Access-Control-Allow-Headers").Single().Should().Contain("x-custom");
        http.StatusCode.Should().Be(HttpStatusCode.NoContent);
        http.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://app.example.com");
        http.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain("GET").And.Contain("POST");
        http.Headers.GetValues("Access-Control-Allow-Headers").Single().Should().Contain("x-custom");
        http.Headers.GetValues("Access-Control-Max-Age").Should().Equal("600");
        stranger.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("the origin is not allowed");
    }

    [Fact]
    public async Task ActualRequest_FromAnAllowedOrigin_GetsAllowOrigin()
    {
        using var client = app.Up.AppClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/http/items/cors");
        request.Headers.Add("Origin", "https://app.example.com");

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://app.example.com");
    }

    [Fact]
    public async Task Post_BodyOver6MB_Is413()
    {
        using var client = app.Up.AppClient();
        var content = new ByteArrayContent(new byte[6_400_000]) { Headers = { ContentType = MediaTypeHeaderValue.Parse("text/plain") } };

        using var response = await client.PostAsync("/http/proxy/big", content, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("""{"message":"Request Entity Too Large"}""");
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "x-custom");
        return request;
    }
}

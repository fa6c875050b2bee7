using System.Net;
using System.Text;
using Fathom.Gateway.Tests.Support;

namespace Fathom.Gateway.Tests.Traffic;

public sealed class HttpApiEventTests
{
    [Fact]
    public async Task Get_WithQueryHeadersAndCookies_BuildsPayload20Event()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/pets/{id}", qualifier: "live"));
        var (status, head, _) = await RawHttp.SendAsync(host.BaseUrl, """
            GET /pets/42?a=1&a=2&b=x%20y&flag HTTP/1.1
            Host: 127.0.0.1
            X-Multi: v1
            X-Multi: v2
            Cookie: session=abc; theme=dark
            User-Agent: curl/8.0
            """);

        status.Should().Be(200);
        var invocation = host.Invoker.Requests.Single();
        invocation.Source.Should().Be("api");
        invocation.FunctionName.Should().Be("hello");
        invocation.Qualifier.Should().Be("live");
        invocation.Version.Should().Be("2");
        invocation.Deadline.Should().Be(GatewayHost.Now + TimeSpan.FromSeconds(30));
        var requestId = head.Split("\r\n").Single(l => l.StartsWith("apigw-requestid:", StringComparison.Ordinal))["apigw-requestid:".Length..].Trim();
        invocation.RequestId.Should().Be(requestId);

        var e = EventJson.Parse(invocation);
        e.GetProperty("version").GetString().Should().Be("2.0");
        e.GetProperty("routeKey").GetString().Should().Be("GET /pets/{id}");
        e.GetProperty("rawPath").GetString().Should().Be("/pets/42");
        e.GetProperty("rawQueryString").GetString().Should().Be("a=1&a=2&b=x%20y&flag");
        e.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()).Should().Equal("session=abc", "theme=dark");
        var headers = e.GetProperty("headers");
        headers.TryGetProperty("cookie", out _).Should().BeFalse();
        headers.GetProperty("x-multi").GetString().Should().Be("v1,v2");
        headers.GetProperty("user-agent").GetString().Should().Be("curl/8.0");
        headers.GetProperty("x-forwarded-for").GetString().Should().Be("127.0.0.1");
        headers.GetProperty("x-forwarded-proto").GetString().Should().Be("http");
        headers.GetProperty("x-forwarded-port").GetString().Should().Be(host.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.GetProperty("x-amzn-trace-id").GetString().Should().StartWith("Root=1-").And.Be(invocation.TraceId);
        headers.EnumerateObject().Should().OnlyContain(h => h.Name == h.Name.ToLowerInvariant());
        var query = e.GetProperty("queryStringParameters");
        query.GetProperty("a").GetString().Should().Be("1,2");
        query.GetProperty("b").GetString().Should().Be("x y");
        query.GetProperty("flag").GetString().Should().Be("");
        e.GetProperty("pathParameters").GetProperty("id").GetString().Should().Be("42");
        e.TryGetProperty("body", out _).Should().BeFalse();
        e.TryGetProperty("stageVariables", out _).Should().BeFalse();
        e.GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();

        var context = e.GetProperty("requestContext");
        context.GetProperty("accountId").GetString().Should().Be("000000000000");
        context.GetProperty("apiId").GetString().Should().Be("httpapi1");
        context.GetProperty("domainName").GetString().Should().Be("127.0.0.1");
        context.GetProperty("domainPrefix").GetString().Should().Be("127");
        context.GetProperty("requestId").GetString().Should().Be(requestId);
        context.GetProperty("routeKey").GetString().Should().Be("GET /pets/{id}");
        context.GetProperty("stage").GetString().Should().Be("$default");
        context.GetProperty("time").GetString().Should().Be("12/Mar/2026:19:03:58 +0000");
        context.GetProperty("timeEpoch").GetInt64().Should().Be(GatewayHost.Now.ToUnixTimeMilliseconds());
        var http = context.GetProperty("http");
        http.GetProperty("method").GetString().Should().Be("GET");
        http.GetProperty("path").GetString().Should().Be("/pets/42");
        http.GetProperty("protocol").GetString().Should().Be("HTTP/1.1");
        http.GetProperty("sourceIp").GetString().Should().Be("127.0.0.1");
        http.GetProperty("userAgent").GetString().Should().Be("curl/8.0");
    }

    [Fact]
    public async Task Post_JsonAndBinaryBodies_EncodesByContentType()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("POST", "/upload"));
        var png = new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x00, 0xff };

        using var json = await host.Client.PostAsync("/upload", new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var binary = await host.Client.PostAsync("/upload", new ByteArrayContent(png) { Headers = { { "Content-Type", "image/png" } } }, TestContext.Current.CancellationToken);

        json.StatusCode.Should().Be(HttpStatusCode.OK);
        binary.StatusCode.Should().Be(HttpStatusCode.OK);
        var events = host.Invoker.Requests.Select(EventJson.Parse).ToArray();
        events[0].GetProperty("body").GetString().Should().Be("{\"a\":1}");
        events[0].GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();
        events[1].GetProperty("body").GetString().Should().Be(Convert.ToBase64String(png));
        events[1].GetProperty("isBase64Encoded").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Get_GreedyAndDefaultRoutes_CaptureProxyAndRouteKey()
    {
        await using var host = await GatewayHost.StartAsync(
            Routes.Http("ANY", "/files/{proxy+}"), Routes.Http("GET", "$default"), Routes.Http("GET", "/files/readme"));

        (await host.Client.GetAsync("/files/a/b%20c.txt", TestContext.Current.CancellationToken)).Dispose();
        (await host.Client.DeleteAsync("/other/path", TestContext.Current.CancellationToken)).Dispose();
        (await host.Client.GetAsync("/files/readme", TestContext.Current.CancellationToken)).Dispose();

        var events = host.Invoker.Requests.Select(EventJson.Parse).ToArray();
        events[0].GetProperty("routeKey").GetString().Should().Be("ANY /files/{proxy+}");
        events[0].GetProperty("pathParameters").GetProperty("proxy").GetString().Should().Be("a/b c.txt");
        events[1].GetProperty("routeKey").GetString().Should().Be("$default");
        events[1].TryGetProperty("pathParameters", out _).Should().BeFalse();
        events[2].GetProperty("routeKey").GetString().Should().Be("GET /files/readme");
    }

    [Fact]
    public async Task Get_HttpApiWithPayload10_SendsVersion10Event()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/legacy") with { PayloadFormatVersion = "1.0" });

        using var response = await host.Client.GetAsync("/legacy?x=1", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var e = EventJson.Parse(host.Invoker.Requests.Single());
        e.GetProperty("version").GetString().Should().Be("1.0");
        e.GetProperty("resource").GetString().Should().Be("/legacy");
        e.GetProperty("requestContext").GetProperty("path").GetString().Should().Be("/legacy");
        e.GetProperty("multiValueQueryStringParameters").GetProperty("x")[0].GetString().Should().Be("1");
    }

    [Fact]
    public async Task Request_Reload_ServesNewTableAndKeepsOldOnInvalidUpdate()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/old"));

        host.State.Update([Routes.Http("GET", "/new")]);
        var invalid = () => host.State.Update([Routes.Http("GET", "no-slash"), Routes.Http("FETCH", "/x")]);

        invalid.Should().Throw<Fathom.Gateway.Routing.GatewayConfigException>().Which.Errors.Should().HaveCount(2);
        (await host.Client.GetAsync("/new", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Client.GetAsync("/old", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Request_ReloadUnderAStreamOfRequests_NoRequestFails()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/items/{id}", qualifier: "live"));
        using var stop = new CancellationTokenSource();
        var reloads = Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                // Alternate between two tables that both serve the path, as a reload that moves an alias would.
                host.State.Update([Routes.Http("GET", "/items/{id}", qualifier: n++ % 2 == 0 ? "1" : "live"), Routes.Http("GET", "/other")]);
            }
        }, TestContext.Current.CancellationToken);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await host.Client.GetAsync($"/items/{i}", TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));
        await stop.CancelAsync();
        await reloads;

        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK));
        host.State.Generation.Should().BeGreaterThan(1);
    }
}

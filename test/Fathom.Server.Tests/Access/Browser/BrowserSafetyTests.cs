using System.Net;
using System.Text;
using System.Text.Json;

namespace Fathom.Server.Tests.Access.Browser;

public sealed class BrowserSafetyTests(BrowserServerFixture fixture) : IClassFixture<BrowserServerFixture>
{
    private const string InvokePath = "/2015-03-31/functions/counter/invocations";

    [Theory]
    [InlineData("GET", "/fathom/v1/status")]
    [InlineData("POST", InvokePath)]
    [InlineData("GET", "/ui/")]
    public async Task WrongHost_Refused421BeforeAnyEndpoint(string method, string path)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fixture.AdminUrl, path));
        request.Headers.Host = $"rebound.evil.example:{fixture.AdminUrl.Port}";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.MisdirectedRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var detail = await DetailAsync(response);
        detail.Should().Contain("not 'rebound.evil.example:").And.Contain("--public-name").And.NotContain("counter");
    }

    [Fact]
    public async Task PublicName_Allowed()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.AdminUrl, "/fathom/v1/status"));
        request.Headers.Host = $"{BrowserServerFixture.PublicName}:{fixture.AdminUrl.Port}";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("counter");
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task CrossSite_Refused403WithTheReason(string header, string value)
    {
        using var client = new HttpClient { BaseAddress = fixture.AdminUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fathom/v1/status");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DetailAsync(response)).Should().Contain(value).And.Contain("refused");
    }

    [Fact]
    public async Task CrossSiteInvoke_WithAndWithoutContentType_DoesNotRunTheFunction()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new HttpClient { BaseAddress = fixture.AdminUrl, Timeout = TimeSpan.FromMinutes(2) };
        var attacks = new (string? ContentType, string Header, string Value)[]
        {
            ("text/plain", "Origin", "http://evil.example"),
            (null, "Origin", "http://evil.example"),
            ("application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site"),
            ("text/plain", "Sec-Fetch-Site", "cross-site"),
            (null, "Sec-Fetch-Site", "cross-site"),
            ("application/json", "Origin", $"http://localhost:{fixture.AdminUrl.Port + 1}"),
        };

        foreach (var (contentType, header, value) in attacks)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, InvokePath);
            if (contentType is not null)
            {
                request.Content = new StringContent("{}", Encoding.UTF8, contentType);
            }

            request.Headers.TryAddWithoutValidation(header, value);
            using var refused = await client.SendAsync(request, ct);
            refused.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{header}: {value} with {contentType ?? "no Content-Type"}");
        }

        // The same-origin call is the function's first run: none of the refused ones reached it.
        using var allowed = new HttpRequestMessage(HttpMethod.Post, InvokePath) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        allowed.Headers.TryAddWithoutValidation("Origin", fixture.AdminUrl.GetLeftPart(UriPartial.Authority));
        allowed.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        using var response = await client.SendAsync(allowed, ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(ct)).Should().Be("""{"count":1}""");
    }

    [Fact]
    public async Task SentryIngest_FromTheAppsOwnPages_IsNotRefusedAsCrossSite()
    {
        using var client = new HttpClient { BaseAddress = fixture.AdminUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/1/envelope/") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("Origin", "https://shop.example");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // The ingest answers for itself (here: no DSN key), not the cross-site check.
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().NotContain("Cross-site request refused");
    }

    [Fact]
    public async Task NoOrigin_PassesOnLikeTheCli()
    {
        using var client = new HttpClient { BaseAddress = fixture.AdminUrl };

        using var response = await client.GetAsync("/fathom/v1/status", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("detail").GetString()!;
}

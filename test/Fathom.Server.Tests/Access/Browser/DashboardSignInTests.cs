using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fathom.Server.Tests.Access.Browser;

public sealed partial class DashboardSignInTests(BrowserServerFixture fixture) : IClassFixture<BrowserServerFixture>
{
    [Fact]
    public async Task SignInLink_WorksOnce_SetsAStrictHttpOnlyCookieForUiOnly()
    {
        using var client = Client();
        var link = await NewLinkAsync(client);

        using var first = await client.GetAsync(link, TestContext.Current.CancellationToken);
        using var second = await client.GetAsync(link, TestContext.Current.CancellationToken);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().Should().Be("/ui/");
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fathom-ui=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        attributes.Should().Contain(["path=/ui", "samesite=strict", "httponly"]);
        attributes.Should().NotContain("secure", "the admin port serves plain HTTP here (docs/security.md: Secure under TLS)");
        second.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("already used");
    }

    [Fact]
    public async Task UiPage_WithTheCookie_SaysWhoIsSignedIn_WithoutIt401()
    {
        using var client = Client();
        var cookie = await SignInAsync(client);

        using var signedIn = await GetAsync(client, "/ui/", cookie);
        using var anonymous = await GetAsync(client, "/ui/", cookie: null);

        signedIn.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await signedIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        html.Should().Contain("""<strong id="name">local</strong>""").And.Contain("""<strong id="role">admin</strong>""");
        signedIn.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("fathom dashboard");
    }

    [Fact]
    public async Task UiPost_WithoutAntiforgeryToken_Refused_WithIt_SignsOut()
    {
        using var client = Client();
        var cookie = await SignInAsync(client);
        using var page = await GetAsync(client, "/ui/", cookie);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("fathom-ui-antiforgery=", StringComparison.Ordinal));

        using var forged = await PostAsync(client, "/ui/signout", $"{cookie}; {antiforgeryCookie}", new Dictionary<string, string>());
        using var genuine = await PostAsync(client, "/ui/signout", $"{cookie}; {antiforgeryCookie}", new Dictionary<string, string> { ["__antiforgery"] = token });

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("anti-forgery");
        genuine.StatusCode.Should().Be(HttpStatusCode.OK);
        genuine.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("fathom-ui=;", StringComparison.Ordinal));
    }

    private HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.AdminUrl };

    private static async Task<Uri> NewLinkAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/fathom/v1/dashboard/links", null, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var url = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("url").GetString()!;
        url.Should().StartWith(new Uri(client.BaseAddress!, "/ui/signin?code=").ToString());
        return new Uri(url);
    }

    /// <summary>Signs in with a fresh link; the <c>name=value</c> of the dashboard cookie.</summary>
    private static async Task<string> SignInAsync(HttpClient client)
    {
        using var response = await client.GetAsync(await NewLinkAsync(client), TestContext.Current.CancellationToken);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("fathom-ui=", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string cookie, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("""name="__antiforgery" value="([^"]+)">""")]
    private static partial Regex TokenField();
}

using System.Net;
using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Access;

public sealed class TlsEndToEndTests(TlsAppFixture fixture) : IClassFixture<TlsAppFixture>
{
    [Fact]
    public async Task Up_WithTlsCert_ServesHttpsOnBothPortsAndSaysSo()
    {
        var up = fixture.Up;
        using var app = fixture.TrustingClient(up.AppUrl);
        using var admin = fixture.TrustingClient(up.AdminUrl);

        using var route = await app.GetAsync("/hello", TestContext.Current.CancellationToken);
        using var status = await admin.GetAsync("/fathom/v1/status", TestContext.Current.CancellationToken);

        up.AppUrl.Scheme.Should().Be("https");
        up.AdminUrl.Scheme.Should().Be("https");
        route.StatusCode.Should().Be(HttpStatusCode.OK);
        status.StatusCode.Should().Be(HttpStatusCode.OK);
        up.Output.Should().Contain($"Admin API, Invoke API: https://127.0.0.1:{up.AdminUrl.Port}");
    }

    [Fact]
    public async Task Cli_TrustsTheServerWithCa_AndSaysHowWithoutIt()
    {
        var trusted = await FathomCli.RunAsync(fixture.AppDirectory, ["invoke", "Hello", "--ca", fixture.CertificatePath]);
        var untrusted = await FathomCli.RunAsync(fixture.AppDirectory, ["invoke", "Hello"]);

        trusted.ExitCode.Should().Be(0, trusted.ToString());
        trusted.StandardOutput.Should().Contain("statusCode");
        untrusted.ExitCode.Should().Be(1);
        untrusted.StandardError.Should().Contain("certificate").And.Contain("--ca FILE");
    }

    [Fact]
    public async Task Dashboard_OverTls_LinkIsHttpsAndTheCookieSecure()
    {
        var printed = await FathomCli.RunAsync(fixture.AppDirectory, ["dashboard", "--json", "--ca", fixture.CertificatePath]);
        printed.ExitCode.Should().Be(0, printed.ToString());
        var link = new Uri(JsonDocument.Parse(printed.StandardOutput).RootElement.GetProperty("url").GetString()!);
        using var browser = fixture.TrustingClient(fixture.Up.AdminUrl, cookies: false);

        using var signIn = await browser.GetAsync(link, TestContext.Current.CancellationToken);

        link.GetLeftPart(UriPartial.Authority).Should().Be(fixture.Up.AdminUrl.GetLeftPart(UriPartial.Authority));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fathom-ui=", StringComparison.Ordinal));
        cookie.ToLowerInvariant().Split(';').Select(a => a.Trim()).Should().Contain(["secure", "httponly", "samesite=strict", "path=/ui"]);
    }
}

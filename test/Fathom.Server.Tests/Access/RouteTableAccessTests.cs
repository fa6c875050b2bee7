using System.Net;
using System.Text.RegularExpressions;
using Fathom.Platform.Access;
using Fathom.Server.Access;
using Fathom.Server.Access.Store;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Tests.Access;

/// <summary>Every route of a real <c>fathom server</c>'s admin port has one stated way in, and holds to it: the route
/// table is read from the running host, so an endpoint added later is checked without anyone remembering to.</summary>
public sealed partial class RouteTableAccessTests(TokenServerFixture server) : IClassFixture<TokenServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryEndpoint_DeclaresAPolicyOrAllowAnonymous()
    {
        var undeclared = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null))
            .Select(Describe)
            .ToList();

        Endpoints().Should().HaveCountGreaterThan(20, "the whole admin port is composed");
        undeclared.Should().BeEmpty("every admin route names its way in (docs/security.md)");
    }

    [Fact]
    public async Task EveryAdminRoute_WithoutAToken_Is401WithBearerChallenge()
    {
        using var anonymous = server.Client(null);
        using var wrong = server.Client("fathom_0123456789ab_not-the-secret");
        foreach (var endpoint in Protected())
        {
            foreach (var client in (HttpClient[])[anonymous, wrong])
            {
                using var response = await client.SendAsync(Request(endpoint), Ct);
                if (client == anonymous && IsAwsShaped(endpoint))
                {
                    // Unsigned calls to Lambda's routes are answered as Lambda answers them, which the aws CLI shows.
                    response.StatusCode.Should().Be(HttpStatusCode.Forbidden, Describe(endpoint));
                    response.Headers.GetValues("x-amzn-ErrorType").Should().ContainSingle().Which.Should().StartWith("MissingAuthenticationTokenException");
                    continue;
                }

                response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, Describe(endpoint));
                response.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer", Describe(endpoint));
                response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", Describe(endpoint));
            }
        }
    }

    [Fact]
    public async Task ReadToken_OnInvokeDeployAdminRoutes_Is403_AndPassesReadRoutes()
    {
        using var read = server.Client(await server.CreateTokenAsync("reader-" + Guid.NewGuid().ToString("N")[..6], "read"));
        foreach (var endpoint in Protected())
        {
            // Headers only: a live stream (SSE) that is let in never ends by itself.
            using var response = await read.SendAsync(Request(endpoint), HttpCompletionOption.ResponseHeadersRead, Ct);

            if (Policy(endpoint) == AccessPolicies.Read)
            {
                response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, Describe(endpoint)).And.NotBe(HttpStatusCode.Forbidden, Describe(endpoint));
            }
            else
            {
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, Describe(endpoint));
                (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("has the read role", Describe(endpoint));
            }
        }
    }

    [Fact]
    public async Task DashboardCookie_SignsInUnderUi_ButIsNeverACredentialForTheJsonApi()
    {
        using var reader = server.Client(await server.CreateTokenAsync("viewer-" + Guid.NewGuid().ToString("N")[..6], "read"));
        using var link = await reader.PostAsync("fathom/v1/dashboard/links", null, Ct);
        link.StatusCode.Should().Be(HttpStatusCode.Created);
        var url = System.Text.Json.JsonDocument.Parse(await link.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("url").GetString()!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.AdminUrl };
        using var signIn = await browser.GetAsync(new Uri(url).PathAndQuery, Ct);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("fathom-ui=", StringComparison.Ordinal));

        using var ui = new HttpRequestMessage(HttpMethod.Get, "ui/");
        ui.Headers.Add("Cookie", cookie);
        using var api = new HttpRequestMessage(HttpMethod.Get, "fathom/v1/environments");
        api.Headers.Add("Cookie", cookie);
        using var uiResponse = await browser.SendAsync(ui, Ct);
        using var apiResponse = await browser.SendAsync(api, Ct);

        uiResponse.StatusCode.Should().Be(HttpStatusCode.OK, "the cookie signs the browser in under /ui");
        (await uiResponse.Content.ReadAsStringAsync(Ct)).Should().Contain("viewer-");
        apiResponse.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the JSON API takes only Bearer");
    }

    [Fact]
    public async Task InvokeToken_CanInvokeButNotDeployOrRollback()
    {
        using var invoker = server.Client(await server.CreateTokenAsync("invoker", "invoke"));

        using var invoke = await invoker.PostAsync("2015-03-31/functions/nothing/invocations", null, Ct);
        using var rollback = await invoker.PostAsync("fathom/v1/rollback", null, Ct);

        invoke.StatusCode.Should().Be(HttpStatusCode.NotFound, "allowed in: the function does not exist");
        rollback.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ExpiredAndRevokedTokens_AreRefused()
    {
        var store = server.Host.Services.GetRequiredService<AccessStore>();
        var expired = store.Create(new CredentialRequest("expired", AccessRole.Admin, null, null, DateTimeOffset.UtcNow.AddMinutes(-1), Aws: false), "test", null).Secret;
        var revoked = await server.CreateTokenAsync("soon-revoked", "admin");
        using var owner = server.Client(server.OwnerToken);
        using var before = await server.Client(revoked).GetAsync("fathom/v1/environments", Ct);
        using var revoke = await owner.DeleteAsync("fathom/v1/tokens/soon-revoked", Ct);

        using var afterRevoke = await server.Client(revoked).GetAsync("fathom/v1/environments", Ct);
        using var withExpired = await server.Client(expired).GetAsync("fathom/v1/environments", Ct);

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        afterRevoke.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withExpired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AppScopedToken_ReachesOnlyRequestsNamingItsApp()
    {
        using var scoped = server.Client(await server.CreateTokenAsync("shop-reader", "read", app: "shop"));

        using var own = await scoped.GetAsync("fathom/v1/environments?app=shop", Ct);
        using var other = await scoped.GetAsync("fathom/v1/environments?app=blog", Ct);
        using var unnamed = await scoped.GetAsync("fathom/v1/environments", Ct);
        using var both = await scoped.GetAsync("fathom/v1/environments?app=shop&app=blog", Ct);
        using var tokens = await scoped.GetAsync("fathom/v1/tokens?app=shop", Ct);

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await other.Content.ReadAsStringAsync(Ct)).Should().Contain("limited to app 'shop'");
        unnamed.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a list of every app would leak the others");
        both.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        tokens.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the role is too small");
    }

    [Fact]
    public async Task TokenCreateAndRevoke_AreAuditedWithTheCallersTokenNameAndAddress()
    {
        await server.CreateTokenAsync("audited", "read");
        using var owner = server.Client(server.OwnerToken);
        using var revoke = await owner.DeleteAsync("fathom/v1/tokens/audited", Ct);

        var audit = System.Text.Json.Nodes.JsonNode.Parse(await owner.GetStringAsync("fathom/v1/tokens/audit", Ct))!["audit"]!.AsArray();

        var rows = audit.Where(a => ((string?)a!["target"])!.StartsWith("audited ", StringComparison.Ordinal)).ToList();
        rows.Select(r => (string?)r!["action"]).Should().Equal("token.revoke", "token.create");
        rows.Should().OnlyContain(r => (string?)r!["actor"] == "owner" && (string?)r!["source"] == "127.0.0.1");
    }

    [Fact]
    public async Task TokenList_NeverShowsASecret()
    {
        var secret = await server.CreateTokenAsync("listed", "deploy");
        using var owner = server.Client(server.OwnerToken);

        var list = await owner.GetStringAsync("fathom/v1/tokens", Ct);

        list.Should().Contain("\"listed\"").And.NotContain(secret[^20..]).And.NotContain(server.OwnerToken[^20..]);
    }

    [Fact]
    public void FirstStart_PrintsTheOwnerTokenOnce_AndKeepsItOwnerOnly()
    {
        var owner = Path.Combine(server.DataDirectory, OwnerToken.FileName);

        server.Output.Should().Contain(server.OwnerToken);
        File.ReadAllText(owner).Trim().Should().Be(server.OwnerToken);
        foreach (var file in (string[])[owner, Path.Combine(server.DataDirectory, "server.json"), Path.Combine(server.DataDirectory, "access.key")])
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
        }

        File.ReadAllText(Path.Combine(server.DataDirectory, "access.db")).Should().NotContain(server.OwnerToken[^20..], "only the hash is stored");
    }

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. server.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    /// <summary>Every route that takes a token: the dashboard's <c>/ui</c> pages take only its cookie (tested below and in
    /// the browser tests).</summary>
    private IEnumerable<RouteEndpoint> Protected() => Endpoints().Where(e =>
        Policy(e) is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.RoutePattern.RawText!.StartsWith("/ui", StringComparison.Ordinal));

    private static bool IsAwsShaped(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText!.StartsWith("/20", StringComparison.Ordinal);

    private static string? Policy(RouteEndpoint endpoint) => endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().LastOrDefault(a => a.Policy is not null)?.Policy;

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(',', endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {endpoint.RoutePattern.RawText} ({Policy(endpoint) ?? "no policy"})";

    /// <summary>A request the route matches: each parameter filled with a plausible value.</summary>
    private static HttpRequestMessage Request(RouteEndpoint endpoint)
    {
        var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
        var path = Parameter().Replace(endpoint.RoutePattern.RawText!, m => m.Groups[1].Value switch
        {
            "hash" => new string('a', 64),
            "number" => "1",
            _ => "x",
        }).TrimStart('/');
        return new HttpRequestMessage(new HttpMethod(method), path);
    }

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}

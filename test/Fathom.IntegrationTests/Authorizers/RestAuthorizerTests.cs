using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Authorizers;

/// <summary>REST Lambda authorizers (TOKEN and REQUEST) and API keys through <c>fathom up</c>, against real Node
/// authorizer functions: statuses and bodies as API Gateway gives them, and the <c>requestContext.authorizer</c> the
/// integration sees.</summary>
[Collection(AuthorizerAppCollection.Name)]
public sealed class RestAuthorizerTests(AuthorizerAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_Allow_IntegrationSeesPrincipalAndStringifiedContext()
    {
        var token = Unique("allow");
        var response = await GetAsync("/token/42", $"Authorization: {token}");

        response.Status.Should().Be(200, response.Body);
        var authorizer = Event(response).GetProperty("requestContext").GetProperty("authorizer");
        authorizer.GetProperty("principalId").GetString().Should().Be("user-" + token);
        authorizer.GetProperty("token").GetString().Should().Be(token);
        authorizer.GetProperty("number").GetString().Should().Be("7", "REST passes context values as strings");
        authorizer.GetProperty("flag").GetString().Should().Be("true");
        authorizer.GetProperty("nothing").ValueKind.Should().Be(JsonValueKind.Null);
        authorizer.GetProperty("integrationLatency").ValueKind.Should().Be(JsonValueKind.Number);
    }

    [Fact]
    public async Task Token_SameTokenTwice_AuthorizerCalledOnceAndBothAllowed()
    {
        var token = Unique("allow");
        (await GetAsync("/token/1", $"Authorization: {token}")).Status.Should().Be(200);
        var second = await GetAsync("/token/2", $"Authorization: {token}");

        second.Status.Should().Be(200, "the cached policy covers the whole API");
        Event(second).GetProperty("requestContext").GetProperty("authorizer").GetProperty("principalId").GetString().Should().Be("user-" + token);
        await app.Up.WaitForFunctionLineAsync("TokenAuthorizer", "token authorizer called", token);
        CallsFor("TokenAuthorizer", token).Should().Be(1, "the answer is cached for ReauthorizeEvery (300 s)");
    }

    [Fact]
    public async Task Token_AuthorizerInvocation_InFathomLogsWithSourceAuthorizer()
    {
        var token = Unique("allow");
        (await GetAsync("/token/7", $"Authorization: {token}")).Status.Should().Be(200);

        // The log pipeline writes in batches; poll the CLI until the authorizer's line is stored.
        JsonElement? record = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (record is null && DateTime.UtcNow < deadline)
        {
            var cli = await FathomCli.RunAsync(app.Up.AppDirectory, ["logs", "TokenAuthorizer", "--since", "1h", "--json", "--server", app.Up.AdminUrl.ToString()]);
            cli.ExitCode.Should().Be(0, cli.StandardError);
            record = cli.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Where(r => r.GetProperty("message").GetString()!.Contains(token, StringComparison.Ordinal))
                .Cast<JsonElement?>()
                .FirstOrDefault();
            if (record is null)
            {
                await Task.Delay(250, Ct);
            }
        }

        record.Should().NotBeNull("the authorizer's own log line is stored like any function's");
        record!.Value.GetProperty("source").GetString().Should().Be("authorizer");
    }

    [Fact]
    public async Task Token_Deny_403WithExplicitDenyMessage()
    {
        var response = await GetAsync("/token/42", $"Authorization: {Unique("deny")}");

        response.Status.Should().Be(403);
        response.Body.Should().Be("""{"Message":"User is not authorized to access this resource with an explicit deny"}""");
        response.Header("x-amzn-ErrorType").Should().Be("AccessDeniedException");
    }

    [Fact]
    public async Task Token_PolicyForAnotherApi_403NotAuthorized()
    {
        var response = await GetAsync("/token/42", $"Authorization: {Unique("other")}");

        response.Status.Should().Be(403);
        response.Body.Should().Be("""{"Message":"User is not authorized to access this resource"}""");
    }

    [Fact]
    public async Task Token_AuthorizerSaysUnauthorized_401()
    {
        var response = await GetAsync("/token/42", $"Authorization: {Unique("unauthorized")}");

        response.Status.Should().Be(401);
        response.Body.Should().Be("""{"message":"Unauthorized"}""");
        response.Header("x-amzn-ErrorType").Should().Be("UnauthorizedException");
    }

    [Fact]
    public async Task Token_NoHeader_401WithoutCallingTheAuthorizer()
    {
        var response = await GetAsync("/token/42");

        response.Status.Should().Be(401);
        response.Body.Should().Be("""{"message":"Unauthorized"}""");
    }

    [Fact]
    public async Task Token_AuthorizerThrows_500AuthorizerConfigurationException()
    {
        var response = await GetAsync("/token/42", $"Authorization: {Unique("fail")}");

        response.Status.Should().Be(500);
        response.Body.Should().Be("""{"message": null}""");
        response.Header("x-amzn-ErrorType").Should().Be("AuthorizerConfigurationException");
    }

    [Fact]
    public async Task Token_AnswerWithoutPrincipal_500()
    {
        var response = await GetAsync("/token/42", $"Authorization: {Unique("invalid")}");

        response.Status.Should().Be(500);
        response.Body.Should().Be("""{"message": null}""");
    }

    [Fact]
    public async Task Request_Allow_AuthorizerGotRequestEventAndMethodArn()
    {
        var user = Unique("allow");
        var response = await GetAsync("/request/42?tenant=acme", $"X-User: {user}");

        response.Status.Should().Be(200, response.Body);
        var authorizer = Event(response).GetProperty("requestContext").GetProperty("authorizer");
        authorizer.GetProperty("user").GetString().Should().Be(user);
        authorizer.GetProperty("tenant").GetString().Should().Be("acme");
        authorizer.GetProperty("type").GetString().Should().Be("REQUEST");
        authorizer.GetProperty("methodArn").GetString().Should().MatchRegex(@"^arn:aws:execute-api:[a-z0-9-]+:\d{12}:restapi/Prod/GET/request/42$");
        authorizer.GetProperty("sawBody").GetString().Should().Be("false", "authorizers never see the body");
    }

    [Fact]
    public async Task Request_SameIdentityTwice_AuthorizerCalledOnce()
    {
        var user = Unique("allow");
        (await GetAsync("/request/1?tenant=acme", $"X-User: {user}")).Status.Should().Be(200);
        (await GetAsync("/request/2?tenant=acme", $"X-User: {user}")).Status.Should().Be(200);

        await app.Up.WaitForFunctionLineAsync("RequestAuthorizer", "request authorizer called", user);
        CallsFor("RequestAuthorizer", user).Should().Be(1);
    }

    [Fact]
    public async Task Request_MissingIdentitySource_401()
    {
        var response = await GetAsync("/request/42", $"X-User: {Unique("allow")}");

        response.Status.Should().Be(401, "the tenant query string is an identity source and caching is on");
        response.Body.Should().Be("""{"message":"Unauthorized"}""");
    }

    [Fact]
    public async Task Request_Deny_403AndError_500()
    {
        (await GetAsync("/request/42?tenant=a", $"X-User: {Unique("deny")}")).Status.Should().Be(403);
        (await GetAsync("/request/42?tenant=a", $"X-User: {Unique("unauthorized")}")).Status.Should().Be(401);
        (await GetAsync("/request/42?tenant=a", $"X-User: {Unique("fail")}")).Status.Should().Be(500);
    }

    [Fact]
    public async Task OpenRoute_AuthorizerNone_NoAuthorizerInEvent()
    {
        var response = await GetAsync("/open");

        response.Status.Should().Be(200);
        Event(response).GetProperty("requestContext").TryGetProperty("authorizer", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(null, 403)]
    [InlineData("wrong-key-0123456789abcdef", 403)]
    [InlineData("template-key-0123456789abcdef", 200)]
    [InlineData("config-key-0123456789abcdef", 200)]
    public async Task ApiKeyRoute_OnlyDeclaredKeysPass(string? key, int status)
    {
        var response = await GetAsync("/keyed", key is null ? [] : [$"x-api-key: {key}"]);

        response.Status.Should().Be(status, response.Body);
        if (status == 403)
        {
            response.Body.Should().Be("""{"message":"Forbidden"}""");
        }
    }

    private Task<RawHttp.Response> GetAsync(string path, params string[] headers) =>
        RawHttp.SendAsync(app.Up.AppUrl, string.Join('\n', [$"GET {path} HTTP/1.1", .. headers]), Ct);

    private int CallsFor(string function, string identity) =>
        app.Up.Lines.Count(l => FathomUp.IsFunctionLine(l, function, "authorizer called", identity));

    private static JsonElement Event(RawHttp.Response response) => JsonDocument.Parse(response.Body).RootElement.GetProperty("event");

    private static string Unique(string verdict) => $"{verdict}-{Guid.NewGuid():N}";
}

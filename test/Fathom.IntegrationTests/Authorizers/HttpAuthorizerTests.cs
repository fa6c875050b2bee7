using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Authorizers;

/// <summary>HTTP API authorizers through <c>fathom up</c>: a Lambda authorizer with simple responses, and JWT
/// authorizers against a JWKS file the test wrote and against an issuer nobody can reach.</summary>
[Collection(AuthorizerAppCollection.Name)]
public sealed class HttpAuthorizerTests(AuthorizerAppFixture app)
{
    private const string Issuer = "https://issuer.fathom.test/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Simple_Authorized_IntegrationSeesContextUnderLambdaAsReturned()
    {
        var identity = $"allow-{Guid.NewGuid():N}";
        var response = await GetAsync("/http/simple", $"Authorization: {identity}");

        response.Status.Should().Be(200, response.Body);
        var lambda = Event(response).GetProperty("requestContext").GetProperty("authorizer").GetProperty("lambda");
        lambda.GetProperty("who").GetString().Should().Be(identity);
        lambda.GetProperty("nested").GetProperty("level").GetInt32().Should().Be(1, "HTTP APIs keep the context's types");
        lambda.GetProperty("list").GetArrayLength().Should().Be(2);
        lambda.GetProperty("version").GetString().Should().Be("2.0");
        lambda.GetProperty("routeArn").GetString().Should().MatchRegex(@"^arn:aws:execute-api:[a-z0-9-]+:\d{12}:httpapi/\$default/GET/http/simple$");
    }

    [Fact]
    public async Task Simple_NotAuthorized_403Forbidden()
    {
        var response = await GetAsync("/http/simple", $"Authorization: no-{Guid.NewGuid():N}");

        response.Status.Should().Be(403);
        response.Body.Should().Be("""{"message":"Forbidden"}""");
    }

    [Fact]
    public async Task Simple_MissingIdentity_401AndFailure_500()
    {
        var missing = await GetAsync("/http/simple");
        missing.Status.Should().Be(401);
        missing.Body.Should().Be("""{"message":"Unauthorized"}""");

        var failed = await GetAsync("/http/simple", $"Authorization: fail-{Guid.NewGuid():N}");
        failed.Status.Should().Be(500);
        failed.Body.Should().Be("""{"message":"Internal Server Error"}""");
    }

    [Fact]
    public async Task Jwt_Valid_IntegrationSeesClaimsAndScopes()
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var token = app.Tokens.Sign(Claims(exp: exp, scope: "read write"));
        var response = await GetAsync("/http/jwt", $"Authorization: Bearer {token}");

        response.Status.Should().Be(200, response.Body);
        var jwt = Event(response).GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt");
        jwt.GetProperty("claims").GetProperty("sub").GetString().Should().Be("user-1");
        jwt.GetProperty("claims").GetProperty("exp").GetString().Should().Be(exp.ToString(System.Globalization.CultureInfo.InvariantCulture), "claims reach the integration as strings");
        jwt.GetProperty("claims").GetProperty("groups").GetString().Should().Be("[admin ops]");
        jwt.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Should().Equal("read", "write");
    }

    [Fact]
    public async Task Jwt_Expired_401InvalidToken()
    {
        var token = app.Tokens.Sign(Claims(exp: DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds()));
        var response = await GetAsync("/http/jwt", $"Authorization: {token}");

        response.Status.Should().Be(401);
        response.Body.Should().Be("""{"message":"Unauthorized"}""");
        response.Header("www-authenticate").Should().Contain("error=\"invalid_token\"").And.Contain("expired");
    }

    [Fact]
    public async Task Jwt_WrongAudience_401()
    {
        var token = app.Tokens.Sign(Claims(aud: "someone-else"));
        var response = await GetAsync("/http/jwt", $"Authorization: {token}");

        response.Status.Should().Be(401);
        response.Header("www-authenticate").Should().Contain("the token does not have a valid audience");
    }

    [Fact]
    public async Task Jwt_MissingScope_403InsufficientScope()
    {
        var token = app.Tokens.Sign(Claims(scope: "write"));
        var response = await GetAsync("/http/jwt", $"Authorization: {token}");

        response.Status.Should().Be(403);
        response.Body.Should().Be("""{"message":"Forbidden"}""");
        response.Header("www-authenticate").Should().Contain("insufficient_scope");
    }

    [Fact]
    public async Task Jwt_AlgNone_401()
    {
        var response = await GetAsync("/http/jwt", $"Authorization: {TestTokens.Unsigned(Claims())}");

        response.Status.Should().Be(401);
        response.Body.Should().Be("""{"message":"Unauthorized"}""");
    }

    [Fact]
    public async Task Jwt_NoToken_401()
    {
        var response = await GetAsync("/http/jwt");

        response.Status.Should().Be(401);
        response.Body.Should().Be("""{"message":"Unauthorized"}""");
    }

    [Fact]
    public async Task Jwt_IssuerKeysUnreachable_EveryRequestRefusedAndConsoleSaysWhy()
    {
        var token = app.Tokens.Sign(Claims(iss: "http://127.0.0.1:9/unreachable"));
        for (var i = 0; i < 2; i++)
        {
            var response = await GetAsync("/http/unreachable", $"Authorization: {token}");
            response.Status.Should().Be(401, "a token whose keys cannot be fetched is never let in");
        }

        await app.Up.WaitForOutputAsync("could not be fetched", TimeSpan.FromSeconds(30));
        app.Up.Lines.Count(l => l.Contains("http://127.0.0.1:9/unreachable", StringComparison.Ordinal) && l.Contains("could not be fetched", StringComparison.Ordinal))
            .Should().Be(1, "one line per outage, not one per request");
    }

    private static JsonObject Claims(long? exp = null, string aud = "fathom-tests", string scope = "read", string iss = Issuer) => new()
    {
        ["iss"] = iss,
        ["sub"] = "user-1",
        ["aud"] = aud,
        ["exp"] = exp ?? DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
        ["iat"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
        ["scope"] = scope,
        ["groups"] = new JsonArray("admin", "ops"),
    };

    private Task<RawHttp.Response> GetAsync(string path, params string[] headers) =>
        RawHttp.SendAsync(app.Up.AppUrl, string.Join('\n', [$"GET {path} HTTP/1.1", .. headers]), Ct);

    private static JsonElement Event(RawHttp.Response response) => JsonDocument.Parse(response.Body).RootElement.GetProperty("event");
}

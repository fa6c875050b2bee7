using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fathom.Gateway.Authorizers;
using Fathom.Gateway.Authorizers.Jwt;

namespace Fathom.Gateway.Tests.Authorizers;

public sealed class JwtValidatorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private readonly AuthorizerSettings _settings = new()
    {
        Name = "Jwt",
        Type = AuthorizerType.Jwt,
        Issuers = ["https://issuer.example/"],
        Audience = ["app"],
    };

    [Fact]
    public void Validate_RsaSignedValidToken_Passes()
    {
        Validate(RsaToken(Claims())).Should().BeNull();
    }

    [Fact]
    public void Validate_EcSignedValidToken_Passes()
    {
        var head = Part(new JsonObject { ["alg"] = "ES256", ["kid"] = "ec" });
        var body = Part(Claims());
        var signature = _ec.SignData(Encoding.ASCII.GetBytes(head + "." + body), HashAlgorithmName.SHA256);

        Validate($"{head}.{body}.{B64(signature)}").Should().BeNull();
    }

    [Fact]
    public void Validate_AlgNone_Refused()
    {
        var token = Part(new JsonObject { ["alg"] = "none", ["kid"] = "rsa" }) + "." + Part(Claims()) + ".";

        Validate(token)!.Description.Should().Be("the token is not signed");
    }

    [Fact]
    public void Validate_Hs256KeyedWithThePublicRsaKey_Refused()
    {
        // The classic confusion attack: HMAC over the token with the RSA public key's bytes as the secret.
        var head = Part(new JsonObject { ["alg"] = "HS256", ["kid"] = "rsa" });
        var body = Part(Claims());
        var secret = _rsa.ExportSubjectPublicKeyInfo();
        var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(head + "." + body));

        var failure = Validate($"{head}.{body}.{B64(signature)}");

        failure!.Status.Should().Be(401);
        failure.Description.Should().Be("the signing key does not allow algorithm HS256");
    }

    [Fact]
    public void Validate_TamperedPayload_Refused()
    {
        var parts = RsaToken(Claims()).Split('.');
        var forged = parts[0] + "." + Part(Claims(sub: "admin")) + "." + parts[2];

        Validate(forged)!.Description.Should().Be("the token's signature is invalid");
    }

    [Fact]
    public void Validate_ExpiredWithinSkew_PassesAndPastSkew_Refused()
    {
        var exp = Now.ToUnixTimeSeconds();
        Validate(RsaToken(Claims(exp: exp - 10))).Should().BeNull("30 s of clock skew are allowed");
        Validate(RsaToken(Claims(exp: exp - 31)))!.Description.Should().Be("the token has expired");
    }

    [Fact]
    public void Validate_NotBeforeInTheFuture_Refused()
    {
        var claims = Claims();
        claims["nbf"] = Now.AddMinutes(5).ToUnixTimeSeconds();

        Validate(RsaToken(claims))!.Description.Should().Be("the token is not valid yet");
    }

    [Fact]
    public void Validate_WrongIssuer_Refused()
    {
        Validate(RsaToken(Claims(iss: "https://evil.example/")))!.Description.Should().Be("the token does not have a valid issuer");
    }

    [Fact]
    public void Validate_NoAudButMatchingClientId_Passes()
    {
        var claims = Claims();
        claims.Remove("aud");
        claims["client_id"] = "app";

        Validate(RsaToken(claims)).Should().BeNull();
    }

    [Fact]
    public void Validate_AudPresentAndWrong_ClientIdIgnored()
    {
        var claims = Claims(aud: "other");
        claims["client_id"] = "app";

        Validate(RsaToken(claims))!.Description.Should().Be("the token does not have a valid audience");
    }

    [Theory]
    [InlineData("read write", true)]
    [InlineData("write", false)]
    public void Validate_RouteScopes_NeedOneOfThem(string scope, bool passes)
    {
        var claims = Claims();
        claims["scope"] = scope;

        var failure = Validate(RsaToken(claims), ["read", "admin"]);

        if (passes)
        {
            failure.Should().BeNull();
        }
        else
        {
            failure!.Status.Should().Be(403);
            failure.Error.Should().Be("insufficient_scope");
        }
    }

    [Fact]
    public void Validate_ScpListClaim_CountsAsScopes()
    {
        var claims = Claims();
        claims["scp"] = new JsonArray("admin");

        Validate(RsaToken(claims), ["admin"]).Should().BeNull();
    }

    [Fact]
    public void Validate_UnknownKid_Refused()
    {
        var head = Part(new JsonObject { ["alg"] = "RS256", ["kid"] = "missing" });
        var body = Part(Claims());
        var signature = _rsa.SignData(Encoding.ASCII.GetBytes(head + "." + body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Validate($"{head}.{body}.{B64(signature)}")!.Description.Should().Be("the token's signing key is not in the issuer's JWKS");
    }

    [Fact]
    public void JwksParse_KeysOfOtherTypesOrUses_LeftOut()
    {
        var set = JsonWebKeySet.Parse("""
            {"keys":[{"kty":"oct","kid":"h","k":"c2VjcmV0"},{"kty":"RSA","kid":"enc","use":"enc","n":"AQAB","e":"AQAB"},{"kty":"RSA","kid":"ok","n":"AQAB","e":"AQAB"}]}
            """);

        set.Keys.Select(k => k.Kid).Should().Equal("ok");
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }

    private JwtFailure? Validate(string token, IReadOnlyList<string>? scopes = null) =>
        JwtValidator.Validate(JwtToken.TryParse(token)!, Jwks(), _settings, scopes ?? [], Now);

    private JsonWebKeySet Jwks()
    {
        var rsa = _rsa.ExportParameters(false);
        var ec = _ec.ExportParameters(false);
        return JsonWebKeySet.Parse(new JsonObject
        {
            ["keys"] = new JsonArray(
                new JsonObject { ["kty"] = "RSA", ["kid"] = "rsa", ["n"] = B64(rsa.Modulus!), ["e"] = B64(rsa.Exponent!) },
                new JsonObject { ["kty"] = "EC", ["kid"] = "ec", ["crv"] = "P-256", ["x"] = B64(ec.Q.X!), ["y"] = B64(ec.Q.Y!) }),
        }.ToJsonString());
    }

    private string RsaToken(JsonObject claims)
    {
        var head = Part(new JsonObject { ["alg"] = "RS256", ["kid"] = "rsa" });
        var body = Part(claims);
        var signature = _rsa.SignData(Encoding.ASCII.GetBytes(head + "." + body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{head}.{body}.{B64(signature)}";
    }

    private static JsonObject Claims(string iss = "https://issuer.example/", string aud = "app", long? exp = null, string sub = "user") => new()
    {
        ["iss"] = iss,
        ["aud"] = aud,
        ["sub"] = sub,
        ["exp"] = exp ?? Now.AddHours(1).ToUnixTimeSeconds(),
        ["iat"] = Now.AddMinutes(-1).ToUnixTimeSeconds(),
    };

    private static string Part(JsonObject json) => B64(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Fathom.IntegrationTests.Authorizers;

/// <summary>An RSA signing key the test owns, its JWKS, and tokens signed with it (or deliberately not).</summary>
internal sealed class TestTokens : IDisposable
{
    public const string KeyId = "test-key-1";

    private readonly RSA _rsa = RSA.Create(2048);

    public string Jwks()
    {
        var p = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = KeyId,
                ["n"] = Base64Url(p.Modulus!),
                ["e"] = Base64Url(p.Exponent!),
            }),
        }.ToJsonString();
    }

    /// <summary>An RS256 token with the given claims (numbers as JSON numbers).</summary>
    public string Sign(JsonObject claims)
    {
        var head = Part(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId });
        var body = Part(claims);
        var signature = _rsa.SignData(Encoding.ASCII.GetBytes(head + "." + body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return head + "." + body + "." + Base64Url(signature);
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(JsonObject claims) =>
        Part(new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = KeyId }) + "." + Part(claims) + ".";

    public void Dispose() => _rsa.Dispose();

    private static string Part(JsonObject json) => Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

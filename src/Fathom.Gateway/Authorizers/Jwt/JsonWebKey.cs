using System.Security.Cryptography;

namespace Fathom.Gateway.Authorizers.Jwt;

/// <summary>One public key of a JWKS and the algorithms it may verify. The allowlist comes from the key, never from
/// the token: an RSA key verifies RS256/384/512 only, an EC key the one ES algorithm of its curve, so neither
/// <c>alg: none</c> nor an HMAC signature "keyed" with a public RSA key can pass.</summary>
internal sealed class JsonWebKey
{
    private readonly RSAParameters? _rsa;
    private readonly ECParameters? _ec;

    private JsonWebKey(string? kid, IReadOnlyList<string> algorithms, RSAParameters? rsa, ECParameters? ec)
    {
        Kid = kid;
        Algorithms = algorithms;
        _rsa = rsa;
        _ec = ec;
    }

    public string? Kid { get; }

    public IReadOnlyList<string> Algorithms { get; }

    public static JsonWebKey? FromRsa(string? kid, string? alg, byte[] modulus, byte[] exponent)
    {
        string[] family = ["RS256", "RS384", "RS512"];
        if (alg is not null && !family.Contains(alg, StringComparer.Ordinal))
        {
            return null;
        }

        return new JsonWebKey(kid, alg is null ? family : [alg], new RSAParameters { Modulus = modulus, Exponent = exponent }, null);
    }

    public static JsonWebKey? FromEc(string? kid, string? alg, string crv, byte[] x, byte[] y)
    {
        var (curve, expected) = crv switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, "ES256"),
            "P-384" => (ECCurve.NamedCurves.nistP384, "ES384"),
            "P-521" => (ECCurve.NamedCurves.nistP521, "ES512"),
            _ => (default(ECCurve), (string?)null),
        };
        if (expected is null || (alg is not null && alg != expected))
        {
            return null;
        }

        return new JsonWebKey(kid, [expected], null, new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
    }

    /// <summary>True when <paramref name="signature"/> over <paramref name="signed"/> is valid for <paramref name="alg"/>.</summary>
    public bool Verify(string alg, ReadOnlySpan<byte> signed, ReadOnlySpan<byte> signature)
    {
        if (!Algorithms.Contains(alg, StringComparer.Ordinal))
        {
            return false;
        }

        var hash = alg[2..] switch
        {
            "256" => HashAlgorithmName.SHA256,
            "384" => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
        try
        {
            if (_rsa is { } rsaParameters)
            {
                using var rsa = RSA.Create(rsaParameters);
                return rsa.VerifyData(signed, signature, hash, RSASignaturePadding.Pkcs1);
            }

            using var ecdsa = ECDsa.Create(_ec!.Value);

            // JWS carries r||s (IEEE P1363), which is .NET's default signature format for ECDsa.
            return ecdsa.VerifyData(signed, signature, hash);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

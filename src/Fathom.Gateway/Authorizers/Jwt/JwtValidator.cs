using System.Text.Json;

namespace Fathom.Gateway.Authorizers.Jwt;

/// <summary>Checks a token the way an HTTP API JWT authorizer does: signature with the issuer's key (algorithms
/// allowed by the key only), <c>iss</c>, <c>aud</c> (or <c>client_id</c> when there is no <c>aud</c>), <c>exp</c>,
/// <c>nbf</c> and <c>iat</c> with <see cref="ClockSkew"/>, then the route's scopes.</summary>
internal static class JwtValidator
{
    /// <summary>Leeway on <c>exp</c>, <c>nbf</c> and <c>iat</c> for clocks that disagree; API Gateway does not
    /// document its own (docs/authorizers.md).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The failure, or null when the token is valid for the route.</summary>
    public static JwtFailure? Validate(JwtToken token, JsonWebKeySet keys, AuthorizerSettings settings, IReadOnlyList<string> scopes, DateTimeOffset now)
    {
        var alg = token.Algorithm;
        if (alg is null || alg.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("the token is not signed");
        }

        var key = keys.Find(token.KeyId);
        if (key is null)
        {
            return Invalid("the token's signing key is not in the issuer's JWKS");
        }

        if (!key.Verify(alg, token.Signed, token.Signature))
        {
            return Invalid(key.Algorithms.Contains(alg, StringComparer.Ordinal)
                ? "the token's signature is invalid"
                : $"the signing key does not allow algorithm {alg}");
        }

        var claims = token.Payload;
        if (Text(claims, "iss") is not { } issuer || !settings.Issuers.Contains(issuer, StringComparer.Ordinal))
        {
            return Invalid("the token does not have a valid issuer");
        }

        if (settings.Audience.Count > 0 && !AudienceMatches(claims, settings.Audience))
        {
            return Invalid("the token does not have a valid audience");
        }

        if (Seconds(claims, "exp") is not { } exp || now - ClockSkew >= DateTimeOffset.FromUnixTimeSeconds(exp))
        {
            return Invalid("the token has expired");
        }

        if (Seconds(claims, "nbf") is { } nbf && now + ClockSkew < DateTimeOffset.FromUnixTimeSeconds(nbf))
        {
            return Invalid("the token is not valid yet");
        }

        if (Seconds(claims, "iat") is { } iat && now + ClockSkew < DateTimeOffset.FromUnixTimeSeconds(iat))
        {
            return Invalid("the token was issued in the future");
        }

        if (scopes.Count > 0 && !TokenScopes(claims).Intersect(scopes, StringComparer.Ordinal).Any())
        {
            return new JwtFailure(403, "insufficient_scope", $"expected scopes: [{string.Join(' ', scopes)}]");
        }

        return null;
    }

    /// <summary>The token's scopes from <c>scp</c> (list or string) or <c>scope</c> (space-separated); null when it has neither.</summary>
    public static IReadOnlyList<string>? Scopes(JsonElement claims)
    {
        foreach (var name in (string[])["scp", "scope"])
        {
            if (!claims.TryGetProperty(name, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                return [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)];
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        return null;
    }

    private static IReadOnlyList<string> TokenScopes(JsonElement claims) => Scopes(claims) ?? [];

    // aud is evaluated when present; client_id only when there is no aud (Cognito access tokens).
    private static bool AudienceMatches(JsonElement claims, IReadOnlyList<string> audience)
    {
        if (claims.TryGetProperty("aud", out var aud))
        {
            return aud.ValueKind switch
            {
                JsonValueKind.String => audience.Contains(aud.GetString()!, StringComparer.Ordinal),
                JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && audience.Contains(a.GetString()!, StringComparer.Ordinal)),
                _ => false,
            };
        }

        return Text(claims, "client_id") is { } clientId && audience.Contains(clientId, StringComparer.Ordinal);
    }

    private static JwtFailure Invalid(string description) => new(401, "invalid_token", description);

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d)
            ? (long)Math.Floor(d)
            : null;
}

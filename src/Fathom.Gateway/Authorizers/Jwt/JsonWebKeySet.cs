using System.Text.Json;

namespace Fathom.Gateway.Authorizers.Jwt;

/// <summary>A parsed JWKS: the RSA and EC signing keys it holds. Keys of other types (<c>oct</c>), keys for
/// encryption (<c>use: enc</c>) and malformed keys are left out, never trusted.</summary>
internal sealed class JsonWebKeySet(IReadOnlyList<JsonWebKey> keys)
{
    public IReadOnlyList<JsonWebKey> Keys { get; } = keys;

    /// <exception cref="FormatException">The text is not a JWKS (<c>{"keys": [...]}</c>).</exception>
    public static JsonWebKeySet Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("not a JWKS: no \"keys\" list");
            }

            var keys = new List<JsonWebKey>();
            foreach (var key in list.EnumerateArray())
            {
                if (Read(key) is { } parsed)
                {
                    keys.Add(parsed);
                }
            }

            return new JsonWebKeySet(keys);
        }
    }

    /// <summary>The key for a token's <c>kid</c>; a token without one may use the only key of a one-key set.</summary>
    public JsonWebKey? Find(string? kid) =>
        kid is null ? (Keys.Count == 1 ? Keys[0] : null) : Keys.FirstOrDefault(k => k.Kid == kid);

    private static JsonWebKey? Read(JsonElement key)
    {
        if (key.ValueKind != JsonValueKind.Object || (Text(key, "use") is { } use && use != "sig"))
        {
            return null;
        }

        var kid = Text(key, "kid");
        var alg = Text(key, "alg");
        try
        {
            return Text(key, "kty") switch
            {
                "RSA" when Bytes(key, "n") is { } n && Bytes(key, "e") is { } e => JsonWebKey.FromRsa(kid, alg, n, e),
                "EC" when Text(key, "crv") is { } crv && Bytes(key, "x") is { } x && Bytes(key, "y") is { } y => JsonWebKey.FromEc(kid, alg, crv, x, y),
                _ => null,
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement key, string name) =>
        key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Bytes(JsonElement key, string name) => Text(key, name) is { } text ? Base64Url.Decode(text) : null;
}

using System.Text;
using System.Text.Json;

namespace Fathom.Gateway.Authorizers.Jwt;

/// <summary>A compact JWS split into its parts; nothing in it is trusted until <see cref="JwtValidator"/> says so.</summary>
internal sealed class JwtToken
{
    private JwtToken(JsonElement header, JsonElement payload, byte[] signed, byte[] signature)
    {
        Header = header;
        Payload = payload;
        Signed = signed;
        Signature = signature;
    }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    /// <summary>The bytes the signature covers: <c>header.payload</c> as sent.</summary>
    public byte[] Signed { get; }

    public byte[] Signature { get; }

    public string? Algorithm => Header.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;

    public string? KeyId => Header.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String ? kid.GetString() : null;

    /// <summary>Parses <c>header.payload.signature</c>, a <c>Bearer </c> prefix allowed; null when it is not a JWS.</summary>
    public static JwtToken? TryParse(string text)
    {
        var token = text.Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token[7..].Trim();
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return null;
        }

        try
        {
            var header = Parse(parts[0]);
            var payload = Parse(parts[1]);
            if (header.ValueKind != JsonValueKind.Object || payload.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new JwtToken(header, payload, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2]));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    // Cloned so the pooled document can be returned at once.
    private static JsonElement Parse(string part)
    {
        using var document = JsonDocument.Parse(Base64Url.Decode(part));
        return document.RootElement.Clone();
    }
}

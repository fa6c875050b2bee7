using System.Text.Json;

namespace Fathom.Gateway.Authorizers.Jwt;

/// <summary>Claims as API Gateway hands them to the integration: strings as they are, numbers and booleans as text,
/// lists in Go's bracket form (<c>[admin poweruser]</c>), objects as JSON text, null claims left out.</summary>
internal static class JwtClaimsFormat
{
    public static void Write(Utf8JsonWriter w, JsonElement claims)
    {
        w.WriteStartObject();
        foreach (var claim in claims.EnumerateObject())
        {
            if (Format(claim.Value) is { } text)
            {
                w.WriteString(claim.Name, text);
            }
        }

        w.WriteEndObject();
    }

    private static string? Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "[" + string.Join(' ', value.EnumerateArray().Select(v => Format(v) ?? "")) + "]",
        JsonValueKind.Object => value.GetRawText(),
        _ => null,
    };
}

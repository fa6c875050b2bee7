using System.Text;
using System.Text.Unicode;

namespace Fathom.Gateway.Traffic;

/// <summary>Decides whether a request body goes into the event as text or as base64.</summary>
internal static class BodyEncoding
{
    /// <summary>Text types as API Gateway treats them; anything else is binary and base64-encoded.</summary>
    public static bool IsTextual(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        var type = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return type.StartsWith("text/", StringComparison.Ordinal)
            || type is "application/json" or "application/xml" or "application/javascript" or "application/x-www-form-urlencoded"
                or "application/graphql" or "application/yaml" or "application/x-yaml" or "application/ld+json"
            || type.EndsWith("+json", StringComparison.Ordinal) || type.EndsWith("+xml", StringComparison.Ordinal);
    }

    /// <summary>Largest raw body whose event form (after base64 for binary types) fits in <paramref name="eventLimit"/>.</summary>
    public static long RawLimit(bool textual, int eventLimit) => textual ? eventLimit : eventLimit / 4 * 3;

    public static (string? Body, bool IsBase64) Encode(byte[] body, bool textual)
    {
        if (body.Length == 0)
        {
            return (null, false);
        }

        return textual && Utf8.IsValid(body) ? (Encoding.UTF8.GetString(body), false) : (Convert.ToBase64String(body), true);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fathom.Gateway.Events;

/// <summary>Reads a function's proxy response the way API Gateway does. Returns null for a malformed response.</summary>
internal static class ProxyResponseReader
{
    // Framing headers are the server's business; API Gateway does not pass a function's through either.
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase) { "content-length", "transfer-encoding", "connection" };

    public static GatewayResponse? Read(ReadOnlyMemory<byte> payload, string payloadVersion)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (payloadVersion == "2.0")
            {
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out _))
                {
                    // The 2.0 shortcut: anything without a statusCode is the body of a 200 JSON response.
                    var body = root.ValueKind == JsonValueKind.String ? root.GetString()! : root.GetRawText();
                    return new GatewayResponse(200, [new("content-type", "application/json")], Encoding.UTF8.GetBytes(body));
                }

                return ReadStructured(root, allowMultiValue: false, allowCookies: true);
            }

            return root.ValueKind == JsonValueKind.Object ? ReadStructured(root, allowMultiValue: true, allowCookies: false) : null;
        }
    }

    private static GatewayResponse? ReadStructured(JsonElement root, bool allowMultiValue, bool allowCookies)
    {
        if (!TryGetStatus(root, out var status))
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        var multiNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (allowMultiValue && root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind != JsonValueKind.Null)
        {
            if (multi.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var header in multi.EnumerateObject())
            {
                if (header.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (header.Value.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                foreach (var item in header.Value.EnumerateArray())
                {
                    if (!TryScalar(item, out var text) || !Add(headers, header.Name, text))
                    {
                        return null;
                    }
                }

                multiNames.Add(header.Name);
            }
        }

        if (root.TryGetProperty("headers", out var single) && single.ValueKind != JsonValueKind.Null)
        {
            if (single.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var header in single.EnumerateObject())
            {
                if (multiNames.Contains(header.Name) || header.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (!TryScalar(header.Value, out var text) || !Add(headers, header.Name, text))
                {
                    return null;
                }
            }
        }

        if (allowCookies && root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind != JsonValueKind.Null)
        {
            if (cookies.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var cookie in cookies.EnumerateArray())
            {
                if (cookie.ValueKind != JsonValueKind.String || !Add(headers, "set-cookie", cookie.GetString()!))
                {
                    return null;
                }
            }
        }

        var isBase64 = false;
        if (root.TryGetProperty("isBase64Encoded", out var flag))
        {
            switch (flag.ValueKind)
            {
                case JsonValueKind.True:
                    isBase64 = true;
                    break;
                case JsonValueKind.False or JsonValueKind.Null:
                    break;
                case JsonValueKind.String when bool.TryParse(flag.GetString(), out var parsed):
                    isBase64 = parsed;
                    break;
                default:
                    return null;
            }
        }

        byte[] body = [];
        if (root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
        {
            if (bodyElement.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var text = bodyElement.GetString()!;
            if (isBase64)
            {
                try
                {
                    body = Convert.FromBase64String(text);
                }
                catch (FormatException)
                {
                    return null;
                }
            }
            else
            {
                body = Encoding.UTF8.GetBytes(text);
            }
        }

        return new GatewayResponse(status, headers, body);
    }

    private static bool TryGetStatus(JsonElement root, out int status)
    {
        status = 0;
        if (!root.TryGetProperty("statusCode", out var element))
        {
            return false;
        }

        var ok = element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out status),
            JsonValueKind.String => int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out status),
            _ => false,
        };
        return ok && status is >= 100 and <= 599;
    }

    private static bool TryScalar(JsonElement element, out string text)
    {
        text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => "",
        };
        return element.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
    }

    private static bool Add(List<KeyValuePair<string, string>> headers, string name, string value)
    {
        if (name.Length == 0 || !name.All(IsTokenChar) || value.Any(c => c < 0x20 && c != '\t' || c >= 0x7f))
        {
            return false;
        }

        if (!Dropped.Contains(name))
        {
            headers.Add(new(name, value));
        }

        return true;
    }

    private static bool IsTokenChar(char c) =>
        c is > ' ' and < (char)0x7f && !"\"(),/:;<=>?@[\\]{}".Contains(c);
}

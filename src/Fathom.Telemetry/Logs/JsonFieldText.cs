using System.Text;
using System.Text.Json;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// Flattens a JSON line's fields into the text the full-text index holds: each leaf as its whole key path followed by
/// its value (<c>{"user":{"id":42}}</c> becomes <c>user id 42</c>), so a <c>user.id=42</c> filter can pre-filter on
/// the phrase "user id 42" before <c>json_extract</c> verifies it. Array elements carry their array's path.
/// </summary>
internal static class JsonFieldText
{
    /// <summary>The flattened text, or null when <paramref name="json"/> is not a JSON object (such fields are not stored,
    /// because <c>json_extract</c> fails a whole query on one malformed row).</summary>
    public static string? Flatten(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var text = new StringBuilder(json.Length);
            var path = new List<string>();
            Walk(document.RootElement, path, text);
            return text.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Walk(JsonElement element, List<string> path, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    path.Add(property.Name);
                    Walk(property.Value, path, text);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path, text);
                }

                break;
            default:
                foreach (var segment in path)
                {
                    text.Append(segment).Append(' ');
                }

                text.Append(element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText()).Append('\n');
                break;
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fathom.Apps.Templates;

/// <summary>Converts a node tree to JSON for data kept as is; unquoted numbers and booleans keep their type.</summary>
internal static partial class NodeJson
{
    public static JsonElement ToJson(TemplateNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { MaxDepth = 1024 }))
        {
            Write(writer, node);
        }

        // JsonDocument stops at 64 levels by default; a template may nest deeper (up to TemplateLimits.MaxDepth,
        // twice that counting the mappings that short-form tags become).
        using var document = JsonDocument.Parse(stream.ToArray(), new JsonDocumentOptions { MaxDepth = 1024 });
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, TemplateNode node)
    {
        switch (node)
        {
            case ScalarNode { IsNull: true }:
                writer.WriteNullValue();
                break;
            case ScalarNode { IsQuoted: false } scalar when scalar.Value is "true" or "false":
                writer.WriteBooleanValue(scalar.Value == "true");
                break;
            case ScalarNode { IsQuoted: false } scalar when IsJsonNumber(scalar.Value):
                writer.WriteRawValue(scalar.Value);
                break;
            case ScalarNode scalar:
                writer.WriteStringValue(scalar.Value);
                break;
            case SequenceNode list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case MappingNode map:
                writer.WriteStartObject();
                foreach (var entry in map.Entries)
                {
                    writer.WritePropertyName(entry.Name);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
        }
    }

    private static bool IsJsonNumber(string text) =>
        JsonNumber().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}

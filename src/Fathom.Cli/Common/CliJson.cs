using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fathom.Cli.Common;

/// <summary>How every <c>--json</c> document is written: camelCase, indented, enums as strings, no nulls.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new SecondsConverter() },

        // Template data kept as JSON (policies, resources Fathom does not emulate) may nest past the default 64 levels;
        // templates nest at most a few hundred (TemplateLimits), so this bound is never what stops a document.
        MaxDepth = 1024,
    };

    public static void Write<T>(TextWriter output, T document) => output.WriteLine(JsonSerializer.Serialize(document, Options));

    /// <summary>Durations are written as seconds (a number), which scripts read more easily than "00:00:03".</summary>
    private sealed class SecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.TotalSeconds);
    }
}

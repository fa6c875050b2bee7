using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fathom.Telemetry.Errors;

/// <summary>How an event is stored (one JSON document per sample) and served.</summary>
internal static class ErrorEventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ErrorEvent errorEvent) => JsonSerializer.Serialize(errorEvent, Options);

    public static ErrorEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<ErrorEvent>(json, Options) ?? throw new JsonException("an empty event");
}

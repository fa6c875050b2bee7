using System.Text.Json;

namespace Fathom.Telemetry.Logs;

/// <summary>A log record as the JSON API, the live stream and <c>fathom logs --json</c> show it: a JSON line's fields
/// as an object, not a string; an invocation record with its START/END/REPORT figures.</summary>
public static class LogJson
{
    /// <summary>Readable JSON: quotes and non-ASCII text as written (control characters, newlines included, stay escaped,
    /// so one record is one line of a stream).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter json, LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(record);
        json.WriteStartObject();
        json.WriteString("cursor", record.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("time", record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("app", record.App);
        json.WriteString("environment", record.Environment);
        json.WriteString("function", record.Function);
        json.WriteString("version", record.Version);
        WriteOptional(json, "qualifier", record.Qualifier);
        WriteOptional(json, "source", record.Source);
        WriteOptional(json, "requestId", record.RequestId);
        json.WriteString("level", record.Level.ToString().ToUpperInvariant());
        json.WriteString("stream", record.Stream);
        WriteOptional(json, "environmentId", record.EnvironmentId);
        json.WriteString("message", record.Message);
        if (record.Fields is { } fields)
        {
            json.WritePropertyName("fields");
            try
            {
                using var document = JsonDocument.Parse(fields);
                document.RootElement.WriteTo(json);
            }
            catch (JsonException)
            {
                json.WriteStringValue(fields);
            }
        }

        if (record.Invocation is { } invocation)
        {
            json.WriteStartObject("invocation");
            json.WriteString("start", invocation.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("durationMs", Math.Round(invocation.Duration.TotalMilliseconds, 3));
            json.WriteNumber("billedDurationMs", Math.Round(invocation.BilledDuration.TotalMilliseconds));
            json.WriteNumber("memorySizeMB", invocation.MemorySizeMb);
            json.WriteNumber("maxMemoryUsedMB", invocation.MaxMemoryUsedMb);
            if (invocation.InitDuration is { } init)
            {
                json.WriteNumber("initDurationMs", Math.Round(init.TotalMilliseconds, 3));
            }

            json.WriteString("outcome", invocation.Outcome);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}

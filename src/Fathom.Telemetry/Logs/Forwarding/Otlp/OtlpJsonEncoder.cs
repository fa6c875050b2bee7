using System.Globalization;
using System.Text.Json;

namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>
/// Writes an <c>ExportLogsServiceRequest</c> in the OTLP JSON mapping: lowerCamelCase names, 64-bit integers as
/// decimal strings, enums as numbers, trace and span ids as hex.
/// </summary>
internal static class OtlpJsonEncoder
{
    public static byte[] Encode(IReadOnlyList<OtlpResourceLogs> resources)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceLogs");
            foreach (var resource in resources)
            {
                json.WriteStartObject();
                json.WriteStartObject("resource");
                WriteAttributes(json, "attributes", resource.Resource);
                json.WriteEndObject();
                json.WriteStartArray("scopeLogs");
                json.WriteStartObject();
                json.WriteStartObject("scope");
                json.WriteString("name", OtlpLogMapper.ScopeName);
                json.WriteEndObject();
                json.WriteStartArray("logRecords");
                foreach (var record in resource.Records)
                {
                    WriteLogRecord(json, record);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteLogRecord(Utf8JsonWriter json, OtlpLogEntry record)
    {
        var nanos = record.TimeUnixNano.ToString(CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteString("timeUnixNano", nanos);
        json.WriteString("observedTimeUnixNano", nanos);
        json.WriteNumber("severityNumber", record.SeverityNumber);
        json.WriteString("severityText", record.SeverityText);
        json.WriteStartObject("body");
        json.WriteString("stringValue", record.Body);
        json.WriteEndObject();
        WriteAttributes(json, "attributes", record.Attributes);

        // OTLP JSON writes trace and span ids as hex, not proto3 JSON's base64.
        if (record.TraceId is { } traceId)
        {
            json.WriteString("traceId", Convert.ToHexStringLower(traceId));
        }

        if (record.SpanId is { } spanId)
        {
            json.WriteString("spanId", Convert.ToHexStringLower(spanId));
        }

        json.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter json, string name, IReadOnlyList<OtlpAttribute> attributes)
    {
        json.WriteStartArray(name);
        foreach (var attribute in attributes)
        {
            WriteKeyValue(json, attribute);
        }

        json.WriteEndArray();
    }

    private static void WriteKeyValue(Utf8JsonWriter json, OtlpAttribute attribute)
    {
        json.WriteStartObject();
        json.WriteString("key", attribute.Key);
        json.WritePropertyName("value");
        WriteAnyValue(json, attribute.Value);
        json.WriteEndObject();
    }

    private static void WriteAnyValue(Utf8JsonWriter json, OtlpValue value)
    {
        json.WriteStartObject();
        switch (value.Kind)
        {
            case OtlpValueKind.String:
                json.WriteString("stringValue", value.String);
                break;
            case OtlpValueKind.Bool:
                json.WriteBoolean("boolValue", value.Bool);
                break;
            case OtlpValueKind.Int:
                json.WriteString("intValue", value.Int.ToString(CultureInfo.InvariantCulture));
                break;
            case OtlpValueKind.Double:
                json.WriteNumber("doubleValue", value.Double);
                break;
            case OtlpValueKind.Array:
                json.WriteStartObject("arrayValue");
                json.WriteStartArray("values");
                foreach (var item in value.Array!)
                {
                    WriteAnyValue(json, item);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                break;
            case OtlpValueKind.KeyValues:
                json.WriteStartObject("kvlistValue");
                WriteAttributes(json, "values", value.KeyValues!);
                json.WriteEndObject();
                break;
        }

        json.WriteEndObject();
    }
}

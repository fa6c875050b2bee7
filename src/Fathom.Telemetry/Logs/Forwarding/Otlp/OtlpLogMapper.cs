using System.Text.Json;

namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>
/// Maps Fathom records to OTLP: the function version is the resource (OpenTelemetry's service and FaaS conventions),
/// the line is the body, and what identifies the invocation are attributes. Records of one resource are grouped into
/// one <c>ResourceLogs</c>, in the order the resources first appear.
/// </summary>
internal static class OtlpLogMapper
{
    public const string ScopeName = "fathom";

    /// <summary>Nesting kept when a JSON line's fields become attributes; deeper values are sent as their JSON text.</summary>
    private const int MaxFieldDepth = 8;

    public static IReadOnlyList<OtlpResourceLogs> Map(IReadOnlyList<LogRecord> batch)
    {
        var groups = new Dictionary<(string, string, string, string), List<OtlpLogEntry>>();
        var order = new List<(LogRecord First, List<OtlpLogEntry> Entries)>();
        foreach (var record in batch)
        {
            var key = (record.App, record.Environment, record.Function, record.Version);
            if (!groups.TryGetValue(key, out var entries))
            {
                entries = [];
                groups.Add(key, entries);
                order.Add((record, entries));
            }

            entries.Add(MapRecord(record));
        }

        return order.Select(g => new OtlpResourceLogs(Resource(g.First), g.Entries)).ToArray();
    }

    public static IReadOnlyList<OtlpAttribute> Resource(LogRecord record) =>
    [
        new("service.name", record.Function),
        new("service.namespace", record.App),
        new("service.version", record.Version),
        new("deployment.environment.name", record.Environment),
        new("faas.name", record.Function),
        new("faas.version", record.Version),
    ];

    public static OtlpLogEntry MapRecord(LogRecord record)
    {
        var attributes = new List<OtlpAttribute>();
        Add(attributes, "faas.invocation_id", record.RequestId);
        Add(attributes, "faas.instance", record.EnvironmentId);
        Add(attributes, "fathom.source", record.Source);
        Add(attributes, "fathom.qualifier", record.Qualifier);
        Add(attributes, "fathom.stream", record.Stream);

        var body = record.Message;
        if (record.Invocation is { } summary)
        {
            body = InvocationReport.Text(record, summary);
            attributes.AddRange(InvocationReport.Fields(summary).Select(f => new OtlpAttribute("fathom." + f.Name, OtlpValue.Of(f.Value))));
        }
        else if (record.Fields is { } fields)
        {
            AddFields(attributes, fields);
        }

        return new OtlpLogEntry(UnixNanos(record.Time), LogSeverity.OtlpNumber(record.Level), LogSeverity.Text(record.Level), body, attributes,
            HexId(record.TraceId, 16), HexId(record.SpanId, 8));
    }

    /// <summary>An id's bytes; an id of the wrong length, not hex, or all zeros (invalid in W3C trace context) is left out
    /// rather than sent for a receiver to refuse the whole batch over.</summary>
    public static byte[]? HexId(string? hex, int bytes)
    {
        if (hex is null || hex.Length != bytes * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var id = Convert.FromHexString(hex);
        return id.Any(b => b != 0) ? id : null;
    }

    public static ulong UnixNanos(DateTimeOffset time) => (ulong)(time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100UL;

    private static void Add(List<OtlpAttribute> attributes, string key, string? value)
    {
        if (value is not null)
        {
            attributes.Add(new OtlpAttribute(key, value));
        }
    }

    /// <summary>A JSON line's top-level fields become attributes under their own names (as a collector's JSON parser
    /// would put them), except where they would hide one of ours.</summary>
    private static void AddFields(List<OtlpAttribute> attributes, string fields)
    {
        try
        {
            using var document = JsonDocument.Parse(fields);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            var ours = attributes.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (ours.Add(property.Name))
                {
                    attributes.Add(new OtlpAttribute(property.Name, Value(property.Value, 1)));
                }
            }
        }
        catch (JsonException)
        {
            // The store keeps only valid JSON here; a line that is not is still forwarded, as its text.
        }
    }

    private static OtlpValue Value(JsonElement element, int depth) => element.ValueKind switch
    {
        JsonValueKind.String => OtlpValue.Of(element.GetString()!),
        JsonValueKind.True => OtlpValue.Of(true),
        JsonValueKind.False => OtlpValue.Of(false),
        JsonValueKind.Number when element.TryGetInt64(out var whole) => OtlpValue.Of(whole),
        JsonValueKind.Number when element.TryGetDouble(out var real) => OtlpValue.Of(real),
        JsonValueKind.Number => OtlpValue.Of(element.GetRawText()),
        JsonValueKind.Null or JsonValueKind.Undefined => new OtlpValue(OtlpValueKind.Empty),
        _ when depth >= MaxFieldDepth => OtlpValue.Of(element.GetRawText()),
        JsonValueKind.Array => new OtlpValue(OtlpValueKind.Array, Array: element.EnumerateArray().Select(e => Value(e, depth + 1)).ToArray()),
        _ => new OtlpValue(OtlpValueKind.KeyValues, KeyValues: element.EnumerateObject().Select(p => new OtlpAttribute(p.Name, Value(p.Value, depth + 1))).ToArray()),
    };
}

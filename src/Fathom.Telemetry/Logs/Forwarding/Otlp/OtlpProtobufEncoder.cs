namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>
/// Writes an <c>ExportLogsServiceRequest</c> in protobuf. Field numbers are those of opentelemetry-proto
/// (<c>collector/logs/v1/logs_service.proto</c>, <c>logs/v1/logs.proto</c>, <c>common/v1/common.proto</c>,
/// <c>resource/v1/resource.proto</c>); the tests decode the output with code generated from those files.
/// </summary>
internal static class OtlpProtobufEncoder
{
    public static byte[] Encode(IReadOnlyList<OtlpResourceLogs> resources)
    {
        var writer = new ProtobufWriter();
        foreach (var resource in resources)
        {
            writer.BeginMessage(1); // ExportLogsServiceRequest.resource_logs
            writer.BeginMessage(1); // ResourceLogs.resource
            foreach (var attribute in resource.Resource)
            {
                WriteKeyValue(writer, 1, attribute); // Resource.attributes
            }

            writer.EndMessage();
            writer.BeginMessage(2); // ResourceLogs.scope_logs
            writer.BeginMessage(1); // ScopeLogs.scope
            writer.String(1, OtlpLogMapper.ScopeName); // InstrumentationScope.name
            writer.EndMessage();
            foreach (var record in resource.Records)
            {
                WriteLogRecord(writer, record);
            }

            writer.EndMessage();
            writer.EndMessage();
        }

        return writer.ToArray();
    }

    private static void WriteLogRecord(ProtobufWriter writer, OtlpLogEntry record)
    {
        writer.BeginMessage(2); // ScopeLogs.log_records
        writer.Fixed64(1, record.TimeUnixNano); // time_unix_nano
        writer.Varint(2, (ulong)record.SeverityNumber); // severity_number
        writer.String(3, record.SeverityText); // severity_text
        writer.BeginMessage(5); // body
        writer.StringAlways(1, record.Body);
        writer.EndMessage();
        foreach (var attribute in record.Attributes)
        {
            WriteKeyValue(writer, 6, attribute); // attributes
        }

        if (record.TraceId is { } traceId)
        {
            writer.Bytes(9, traceId); // trace_id
        }

        if (record.SpanId is { } spanId)
        {
            writer.Bytes(10, spanId); // span_id
        }

        writer.Fixed64(11, record.TimeUnixNano); // observed_time_unix_nano
        writer.EndMessage();
    }

    private static void WriteKeyValue(ProtobufWriter writer, int field, OtlpAttribute attribute)
    {
        writer.BeginMessage(field);
        writer.String(1, attribute.Key);
        writer.BeginMessage(2);
        WriteAnyValue(writer, attribute.Value);
        writer.EndMessage();
        writer.EndMessage();
    }

    private static void WriteAnyValue(ProtobufWriter writer, OtlpValue value)
    {
        switch (value.Kind)
        {
            case OtlpValueKind.String:
                writer.StringAlways(1, value.String!);
                break;
            case OtlpValueKind.Bool:
                writer.Varint(2, value.Bool ? 1UL : 0UL);
                break;
            case OtlpValueKind.Int:
                writer.Int64(3, value.Int);
                break;
            case OtlpValueKind.Double:
                writer.Double(4, value.Double);
                break;
            case OtlpValueKind.Array:
                writer.BeginMessage(5);
                foreach (var item in value.Array!)
                {
                    writer.BeginMessage(1);
                    WriteAnyValue(writer, item);
                    writer.EndMessage();
                }

                writer.EndMessage();
                break;
            case OtlpValueKind.KeyValues:
                writer.BeginMessage(6);
                foreach (var pair in value.KeyValues!)
                {
                    WriteKeyValue(writer, 1, pair);
                }

                writer.EndMessage();
                break;
        }
    }
}

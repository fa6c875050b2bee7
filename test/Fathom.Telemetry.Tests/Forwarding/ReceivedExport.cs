using System.Text;
using Google.Protobuf;
using Opentelemetry.Proto.Collector.Logs.V1;

namespace Fathom.Telemetry.Tests.Forwarding;

/// <summary>One export request as the receiver saw it, and the status it answered.</summary>
internal sealed record ReceivedExport(string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body, int Status)
{
    /// <summary>Decodes the body with the classes generated from opentelemetry-proto: protobuf with its parser, JSON with
    /// Google.Protobuf's proto3 JSON parser (OTLP's JSON is proto3 JSON apart from hex ids, which logs here never carry).</summary>
    public ExportLogsServiceRequest Decode() => ContentType switch
    {
        "application/x-protobuf" => ExportLogsServiceRequest.Parser.ParseFrom(Body),
        "application/json" => JsonParser.Default.Parse<ExportLogsServiceRequest>(Encoding.UTF8.GetString(Body)),
        _ => throw new InvalidOperationException($"unexpected Content-Type {ContentType}"),
    };
}

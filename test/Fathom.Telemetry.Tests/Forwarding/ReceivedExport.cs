using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Opentelemetry.Proto.Collector.Logs.V1;

namespace Fathom.Telemetry.Tests.Forwarding;

/// <summary>One export request as the receiver saw it, and the status it answered.</summary>
internal sealed record ReceivedExport(string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body, int Status)
{
    /// <summary>Decodes the body with the classes generated from opentelemetry-proto: protobuf with its parser, JSON with
    /// Google.Protobuf's proto3 JSON parser after turning the hex trace and span ids into proto3 JSON's base64, which is
    /// OTLP JSON's one difference that matters here (as an OTLP receiver does).</summary>
    public ExportLogsServiceRequest Decode() => ContentType switch
    {
        "application/x-protobuf" => ExportLogsServiceRequest.Parser.ParseFrom(Body),
        "application/json" => JsonParser.Default.Parse<ExportLogsServiceRequest>(HexIdsToBase64(Encoding.UTF8.GetString(Body))),
        _ => throw new InvalidOperationException($"unexpected Content-Type {ContentType}"),
    };

    private static string HexIdsToBase64(string json)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var record in root["resourceLogs"]!.AsArray().SelectMany(r => r!["scopeLogs"]!.AsArray()).SelectMany(s => s!["logRecords"]!.AsArray()))
        {
            foreach (var name in new[] { "traceId", "spanId" })
            {
                if (record![name] is { } hex)
                {
                    record[name] = Convert.ToBase64String(Convert.FromHexString(hex.GetValue<string>()));
                }
            }
        }

        return root.ToJsonString();
    }
}

namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>One OTLP <c>LogRecord</c>, mapped from a Fathom <see cref="LogRecord"/> and ready to encode either way.
/// <paramref name="TraceId"/> and <paramref name="SpanId"/> are raw bytes (16 and 8), or null when unknown or malformed.</summary>
internal sealed record OtlpLogEntry(
    ulong TimeUnixNano,
    int SeverityNumber,
    string SeverityText,
    string Body,
    IReadOnlyList<OtlpAttribute> Attributes,
    byte[]? TraceId = null,
    byte[]? SpanId = null);

namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>One OTLP <c>LogRecord</c>, mapped from a Fathom <see cref="LogRecord"/> and ready to encode either way.</summary>
internal sealed record OtlpLogEntry(ulong TimeUnixNano, int SeverityNumber, string SeverityText, string Body, IReadOnlyList<OtlpAttribute> Attributes);

namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>The records of one function version (one OTLP resource) in an export request.</summary>
internal sealed record OtlpResourceLogs(IReadOnlyList<OtlpAttribute> Resource, IReadOnlyList<OtlpLogEntry> Records);

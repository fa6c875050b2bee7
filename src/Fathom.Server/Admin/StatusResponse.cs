namespace Fathom.Server.Admin;

/// <summary>Body of <c>GET /fathom/v1/status</c>.</summary>
internal sealed record StatusResponse(
    string? AppUrl,
    string AdminUrl,
    int Pid,
    DateTimeOffset StartedAt,
    IReadOnlyList<StatusFunction> Functions,
    IReadOnlyList<StatusRoute> Routes,
    StatusTelemetry? Telemetry);

/// <summary>What the telemetry pipeline lost, in total and per function and reason (null when it does not run).</summary>
internal sealed record StatusTelemetry(long Dropped, IReadOnlyList<Fathom.Telemetry.Ingest.TelemetryDropCount> Drops);

namespace Fathom.Telemetry.Metrics;

/// <summary>What the recorder took in, wrote and lost (<c>GET /fathom/v1/metrics/stats</c>).</summary>
/// <param name="EmfLines">Valid EMF lines recorded.</param>
/// <param name="EmfInvalid">Lines that named <c>_aws</c> but broke the format: ignored.</param>
/// <param name="Dropped">Records lost to a full queue or a failed write.</param>
/// <param name="PointsWritten">Second points written since the server started.</param>
public sealed record MetricRecorderStats(long Invocations, long Requests, long EmfLines, long EmfValues, long EmfInvalid, long Dropped, long PointsWritten);

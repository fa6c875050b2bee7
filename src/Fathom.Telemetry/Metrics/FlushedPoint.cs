namespace Fathom.Telemetry.Metrics;

/// <summary>One series' statistics for one closed second, on its way to the store.</summary>
/// <param name="LateOverlap">A ConcurrentExecutions correction: an invocation that completed after this second was
/// written ran through it, so the second's overlap is one more than stored (or 1 where nothing was stored).</param>
internal sealed record FlushedPoint(SeriesKey Key, long Second, PointAccumulator Point, bool LateOverlap = false);

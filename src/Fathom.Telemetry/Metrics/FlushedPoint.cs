namespace Fathom.Telemetry.Metrics;

/// <summary>One series' statistics for one closed second, on its way to the store.</summary>
internal sealed record FlushedPoint(SeriesKey Key, long Second, PointAccumulator Point);

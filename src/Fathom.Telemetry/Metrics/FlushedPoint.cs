namespace Fathom.Telemetry.Metrics;

/// <summary>One series' statistics for one closed second, on its way to the store.</summary>
/// <param name="Fix">Set for a ConcurrentExecutions correction of a second already written (an invocation that completed
/// after it was written ran through it).</param>
internal sealed record FlushedPoint(SeriesKey Key, long Second, PointAccumulator Point, ConcurrencyFix Fix = ConcurrencyFix.None);

/// <summary>How a late invocation corrects a written second's ConcurrentExecutions.</summary>
internal enum ConcurrencyFix
{
    None,

    /// <summary>The point's value is the second's overlap recomputed from every invocation known: it replaces the stored
    /// one when larger.</summary>
    Recomputed,

    /// <summary>Beyond the intervals kept in memory: the invocation covered the second, one more than stored.</summary>
    AddOne,
}

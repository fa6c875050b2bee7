using System.Collections.Concurrent;

namespace Fathom.Telemetry.Ingest;

/// <summary>What telemetry lost, per function and reason, so a drop is never silent (<c>fathom logs --stats</c>, the
/// status endpoint). Counting is lock-free: it runs on the publisher's thread.</summary>
public sealed class TelemetryDrops
{
    /// <summary>The ingest queue from the runtime or gateway was full.</summary>
    public const string IngestQueueFull = "ingest_queue_full";

    /// <summary>The log store's write queue was full.</summary>
    public const string StoreQueueFull = "store_queue_full";

    /// <summary>The log store refused a batch (disk full, I/O error).</summary>
    public const string StoreFailed = "store_failed";

    private readonly ConcurrentDictionary<(string Function, string Reason), long> _counts = new();

    public void Add(string function, string reason, long count = 1) =>
        _counts.AddOrUpdate((function, reason), count, (_, current) => current + count);

    public long Total => _counts.Values.Sum();

    /// <summary>Every non-zero count, ordered by function then reason.</summary>
    public IReadOnlyList<TelemetryDropCount> Snapshot() =>
        [.. _counts.Select(pair => new TelemetryDropCount(pair.Key.Function, pair.Key.Reason, pair.Value))
            .OrderBy(c => c.Function, StringComparer.Ordinal).ThenBy(c => c.Reason, StringComparer.Ordinal)];
}

/// <param name="Function">The function whose records were lost.</param>
/// <param name="Reason">Why (<see cref="TelemetryDrops"/> constants, or a forwarder's reason).</param>
/// <param name="Count">How many.</param>
public sealed record TelemetryDropCount(string Function, string Reason, long Count);

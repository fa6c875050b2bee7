using System.Collections.Concurrent;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>What the Sentry ingest took, dropped and refused, counted rather than logged per request (an SDK in a
/// loop must not flood the console).</summary>
public sealed class SentryIngestStats
{
    private readonly ConcurrentDictionary<string, long> _skippedItems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _rejected = new();
    private long _accepted;
    private long _dropped;

    /// <summary>Events handed to the error tracker.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Events the tracker's queue refused (answered 429).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Envelope items not ingested (sessions, client reports, transactions ...), by type.</summary>
    public IReadOnlyDictionary<string, long> SkippedItems => new SortedDictionary<string, long>(_skippedItems, StringComparer.Ordinal);

    /// <summary>Requests refused, by HTTP status.</summary>
    public IReadOnlyDictionary<int, long> Rejected => new SortedDictionary<int, long>(_rejected);

    internal void CountAccepted() => Interlocked.Increment(ref _accepted);

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void CountSkipped(string type) => _skippedItems.AddOrUpdate(type, 1, (_, n) => n + 1);

    internal void CountRejected(int status) => _rejected.AddOrUpdate(status, 1, (_, n) => n + 1);
}

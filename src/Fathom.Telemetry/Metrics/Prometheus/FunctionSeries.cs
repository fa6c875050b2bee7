using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>One function series' cumulative counters and histograms, and when it last served. The registry guards it.</summary>
internal sealed class FunctionSeries
{
    /// <summary>The outcomes that count as errors, in label order; success and throttles are counted apart.</summary>
    public static readonly InvocationOutcome[] ErrorOutcomes =
        [InvocationOutcome.FunctionError, InvocationOutcome.InitError, InvocationOutcome.Timeout, InvocationOutcome.Crash, InvocationOutcome.OutOfMemory];

    private readonly long[] _errors = new long[ErrorOutcomes.Length];
    private readonly Histogram _duration = new(Buckets.Seconds);
    private readonly Histogram _initDuration = new(Buckets.Seconds);
    private readonly Histogram _memory = new(Buckets.MemoryBytes);
    private long _invocations;
    private long _throttles;
    private long _coldStarts;
    private long _memoryLimitBytes;

    public DateTimeOffset LastServed { get; private set; }

    public void Record(InvocationCompleted invocation, DateTimeOffset now)
    {
        LastServed = now;
        if (invocation.Outcome == InvocationOutcome.Throttled)
        {
            // Like Lambda's Invocations metric: a throttled call never ran, so it has no duration and is not an invocation.
            _throttles++;
            return;
        }

        _invocations++;
        var error = Array.IndexOf(ErrorOutcomes, invocation.Outcome);
        if (error >= 0)
        {
            _errors[error]++;
        }

        _duration.Observe(invocation.Duration.TotalSeconds);
        if (invocation.InitDuration is { } init)
        {
            _coldStarts++;
            _initDuration.Observe(init.TotalSeconds);
        }

        if (invocation.MaxMemoryUsedMb > 0)
        {
            _memory.Observe(invocation.MaxMemoryUsedMb * 1024.0 * 1024.0);
        }

        if (invocation.MemorySizeMb > 0)
        {
            _memoryLimitBytes = invocation.MemorySizeMb * 1024L * 1024L;
        }
    }

    public FunctionSeriesSnapshot Snapshot(FunctionSeriesKey key) => new(
        key, _invocations, _throttles, [.. _errors], _coldStarts, _duration.Snapshot(), _initDuration.Snapshot(), _memory.Snapshot(), _memoryLimitBytes);
}

/// <summary>A copy of one function series taken under the registry's lock, rendered outside it.</summary>
internal sealed record FunctionSeriesSnapshot(
    FunctionSeriesKey Key,
    long Invocations,
    long Throttles,
    long[] Errors,
    long ColdStarts,
    HistogramSnapshot Duration,
    HistogramSnapshot InitDuration,
    HistogramSnapshot Memory,
    long MemoryLimitBytes);

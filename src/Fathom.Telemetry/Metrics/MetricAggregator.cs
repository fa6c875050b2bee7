using Fathom.Gateway.Traffic;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;

namespace Fathom.Telemetry.Metrics;

/// <summary>Builds each second's points in memory from invocation records, gateway requests and EMF values, and hands
/// the closed seconds to the writer. A record for a second already written (a late arrival) counts in the oldest second
/// still open, so nothing is lost and nothing written is rewritten. Not thread-safe: the recorder serialises calls.</summary>
internal sealed class MetricAggregator
{
    private static readonly string[] FunctionMetrics =
    [
        MetricNames.Invocations, MetricNames.Errors, MetricNames.Throttles, MetricNames.Timeouts, MetricNames.Duration,
        MetricNames.ColdStarts, MetricNames.InitDuration, MetricNames.MaxMemoryUsed, MetricNames.OutOfMemoryKills,
    ];

    private static readonly string[] RouteMetrics = [MetricNames.Requests, MetricNames.ClientErrors, MetricNames.ServerErrors, MetricNames.Latency];

    private readonly SortedDictionary<long, Second> _seconds = [];
    private readonly Dictionary<FunctionIdentity, List<(long Start, long End)>> _running = [];
    private readonly HashSet<(FunctionIdentity Version, long Second)> _recompute = [];
    private readonly List<(FunctionIdentity Version, long Second)> _addOne = [];

    /// <summary>How far back a long invocation corrects written seconds: the longest Lambda timeout.</summary>
    private const long MaxLateSeconds = 15 * 60;

    /// <summary>Completed invocations are kept this long after their end, so a late one can recompute the overlap of the
    /// seconds it shares with them exactly.</summary>
    private const long RecentSeconds = 30;

    public MetricAggregator(long firstOpenSecond) => FirstOpenSecond = firstOpenSecond;

    /// <summary>The oldest second not yet handed to the writer.</summary>
    public long FirstOpenSecond { get; private set; }

    public void Add(InvocationCompleted invocation)
    {
        var identity = FunctionIdentity.Of(invocation);
        var points = At(invocation.Time).Function(identity);
        if (invocation.Outcome == InvocationOutcome.Throttled)
        {
            points[2].Add(1);
            return;
        }

        points[0].Add(1);
        points[1].Add(IsError(invocation.Outcome) ? 1 : 0);
        points[2].Add(0);
        points[3].Add(invocation.Outcome == InvocationOutcome.Timeout ? 1 : 0);
        points[4].Add(invocation.Duration.TotalMilliseconds);
        points[5].Add(invocation.InitDuration is null ? 0 : 1);
        if (invocation.InitDuration is { } init)
        {
            points[6].Add(init.TotalMilliseconds);
        }

        if (invocation.MaxMemoryUsedMb > 0)
        {
            points[7].Add(invocation.MaxMemoryUsedMb);
        }

        if (invocation.Outcome == InvocationOutcome.OutOfMemory)
        {
            points[8].Add(1);
        }

        // Concurrency is the version's, whatever alias or source the calls came through: they share its environments.
        var version = identity with { Qualifier = "", Source = "" };
        if (!_running.TryGetValue(version, out var intervals))
        {
            _running[version] = intervals = [];
        }

        var start = invocation.Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        intervals.Add((start, start + Math.Max(1, invocation.Duration.Ticks)));

        // It ran through seconds already written (it lasted longer than the lag). Those of the last RecentSeconds are
        // recomputed from every interval still kept; older ones (only invocations longer than that) get one more, which is
        // exact for a second it covered whole and at most one too many for the second it started in.
        var recent = FirstOpenSecond - RecentSeconds;
        for (var second = Math.Max(start / TimeSpan.TicksPerSecond, FirstOpenSecond - MaxLateSeconds); second < FirstOpenSecond; second++)
        {
            if (second >= recent)
            {
                _recompute.Add((version, second));
            }
            else
            {
                _addOne.Add((version, second));
            }
        }
    }

    public void Add(GatewayRequestCompleted request)
    {
        var points = At(request.Time + request.Latency).Route(RouteIdentity.Of(request));
        points[0].Add(1);
        points[1].Add(request.Status is >= 400 and < 500 ? 1 : 0);
        points[2].Add(request.Status >= 500 ? 1 : 0);
        points[3].Add(request.Latency.TotalMilliseconds);
    }

    public void Add(DateTimeOffset time, SeriesKey key, double value)
    {
        var emf = At(time).Emf;
        if (!emf.TryGetValue(key, out var point))
        {
            emf[key] = point = new PointAccumulator();
        }

        point.Add(value);
    }

    /// <summary>Every point of the seconds before <paramref name="end"/> (Unix seconds), which are then closed.</summary>
    public List<FlushedPoint> TakeBefore(long end)
    {
        var flushed = new List<FlushedPoint>();
        if (end <= FirstOpenSecond)
        {
            return flushed;
        }

        foreach (var (version, second) in _addOne)
        {
            var one = new PointAccumulator();
            one.Add(1);
            flushed.Add(new(version.Series(MetricNames.ConcurrentExecutions, MetricUnits.Count), second, one, ConcurrencyFix.AddOne));
        }

        foreach (var (version, second) in _recompute)
        {
            foreach (var (_, max) in ConcurrencySweep.PerSecond(_running[version], second, second + 1))
            {
                var point = new PointAccumulator();
                point.Add(max);
                flushed.Add(new(version.Series(MetricNames.ConcurrentExecutions, MetricUnits.Count), second, point, ConcurrencyFix.Recomputed));
            }
        }

        _addOne.Clear();
        _recompute.Clear();
        foreach (var second in _seconds.Keys.TakeWhile(s => s < end).ToList())
        {
            _seconds.Remove(second, out var bucket);
            foreach (var (identity, points) in bucket!.Functions)
            {
                for (var i = 0; i < points.Length; i++)
                {
                    if (points[i].Count > 0)
                    {
                        flushed.Add(new(identity.Series(FunctionMetrics[i], Unit(FunctionMetrics[i])), second, points[i]));
                    }
                }
            }

            foreach (var (identity, points) in bucket.Routes)
            {
                for (var i = 0; i < points.Length; i++)
                {
                    flushed.Add(new(identity.Series(RouteMetrics[i], Unit(RouteMetrics[i])), second, points[i]));
                }
            }

            flushed.AddRange(bucket.Emf.Select(pair => new FlushedPoint(pair.Key, second, pair.Value)));
        }

        foreach (var (version, intervals) in _running.ToList())
        {
            foreach (var (second, max) in ConcurrencySweep.PerSecond(intervals, FirstOpenSecond, end))
            {
                var point = new PointAccumulator();
                point.Add(max);
                flushed.Add(new(version.Series(MetricNames.ConcurrentExecutions, MetricUnits.Count), second, point));
            }

            intervals.RemoveAll(i => i.End <= (end - RecentSeconds) * TimeSpan.TicksPerSecond);
            if (intervals.Count == 0)
            {
                _running.Remove(version);
            }
        }

        FirstOpenSecond = end;
        return flushed;
    }

    /// <summary>Everything still open, as at shutdown.</summary>
    public List<FlushedPoint> TakeAll() =>
        TakeBefore(Math.Max(FirstOpenSecond + 1, Math.Max(_seconds.Count > 0 ? _seconds.Keys.Max() + 1 : 0, LatestEnd())));

    private long LatestEnd() =>
        _running.Values.SelectMany(i => i).Select(i => (i.End + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond).DefaultIfEmpty(0).Max();

    private static bool IsError(InvocationOutcome outcome) =>
        outcome is InvocationOutcome.FunctionError or InvocationOutcome.InitError or InvocationOutcome.Timeout
            or InvocationOutcome.Crash or InvocationOutcome.OutOfMemory;

    private static string Unit(string metric) => MetricNames.Find(metric)!.Unit;

    private Second At(DateTimeOffset time)
    {
        var second = Math.Max(time.ToUnixTimeSeconds(), FirstOpenSecond);
        if (!_seconds.TryGetValue(second, out var bucket))
        {
            _seconds[second] = bucket = new Second();
        }

        return bucket;
    }

    private sealed class Second
    {
        public Dictionary<FunctionIdentity, PointAccumulator[]> Functions { get; } = [];

        public Dictionary<RouteIdentity, PointAccumulator[]> Routes { get; } = [];

        public Dictionary<SeriesKey, PointAccumulator> Emf { get; } = [];

        public PointAccumulator[] Function(FunctionIdentity identity)
        {
            if (!Functions.TryGetValue(identity, out var points))
            {
                Functions[identity] = points = [.. FunctionMetrics.Select(m => MetricNames.Find(m)!.HasHistogram ? PointAccumulator.ForHistogram() : new PointAccumulator())];
            }

            return points;
        }

        public PointAccumulator[] Route(RouteIdentity identity)
        {
            if (!Routes.TryGetValue(identity, out var points))
            {
                Routes[identity] = points = [.. RouteMetrics.Select(m => MetricNames.Find(m)!.HasHistogram ? PointAccumulator.ForHistogram() : new PointAccumulator())];
            }

            return points;
        }
    }
}

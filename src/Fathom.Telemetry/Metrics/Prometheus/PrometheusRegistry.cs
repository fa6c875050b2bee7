using System.Globalization;
using Fathom.Gateway.Traffic;
using Fathom.Runtime.Events;
using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>The in-memory, cumulative registry behind <c>/metrics</c>: counters and histograms since the server started,
/// as Prometheus expects (it computes rates itself). Fed by the ingest as an <see cref="IMetricSink"/>; aggregating in
/// memory under one short lock, it never waits and never drops. A function version's series are removed once the
/// version is neither live (<see cref="ILiveVersions"/>) nor served within <see cref="PrometheusOptions.ServedWindow"/>.</summary>
internal sealed class PrometheusRegistry : IMetricSink
{
    // Pruning on the ingest path too, not only on scrapes, so memory stays bounded on a server nobody scrapes.
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<FunctionSeriesKey, FunctionSeries> _functions = [];
    private readonly Dictionary<RouteSeriesKey, Histogram> _routes = [];
    private readonly ILiveVersions? _live;
    private readonly TimeProvider _time;
    private readonly TimeSpan _servedWindow;
    private DateTimeOffset _lastPrune;

    public PrometheusRegistry(PrometheusOptions options, TimeProvider time, ILiveVersions? live = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _servedWindow = options.ServedWindow;
        _time = time;
        _live = live;
        _lastPrune = time.GetUtcNow();
    }

    /// <summary>Function series held now (after the last prune).</summary>
    public int FunctionSeriesCount
    {
        get
        {
            lock (_lock)
            {
                return _functions.Count;
            }
        }
    }

    public void OfferInvocation(InvocationCompleted invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var key = new FunctionSeriesKey(
            invocation.App, invocation.Environment, invocation.FunctionName, invocation.Version, invocation.Qualifier ?? "", invocation.Source);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_functions.TryGetValue(key, out var series))
            {
                series = new FunctionSeries();
                _functions.Add(key, series);
            }

            series.Record(invocation, now);
            if (now - _lastPrune >= PruneInterval)
            {
                Prune(now);
            }
        }
    }

    public void OfferRequest(GatewayRequestCompleted request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = new RouteSeriesKey(request.App ?? "", request.Environment ?? "", request.RouteKey ?? "", StatusClass(request.Status), request.Source);
        lock (_lock)
        {
            if (!_routes.TryGetValue(key, out var latency))
            {
                latency = new Histogram(Buckets.Seconds);
                _routes.Add(key, latency);
            }

            latency.Observe(request.Latency.TotalSeconds);
        }
    }

    /// <summary>Output lines carry no Prometheus series (EMF belongs to the metric store).</summary>
    public void OfferLine(LogRecord line)
    {
    }

    /// <summary>Prunes, then copies every series, for one scrape.</summary>
    public (IReadOnlyList<FunctionSeriesSnapshot> Functions, IReadOnlyList<(RouteSeriesKey Key, HistogramSnapshot Latency)> Routes) Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            Prune(now);
            return (
                [.. _functions.Select(pair => pair.Value.Snapshot(pair.Key))],
                [.. _routes.Select(pair => (pair.Key, pair.Value.Snapshot()))]);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        _lastPrune = now;
        List<FunctionSeriesKey>? stale = null;
        foreach (var (key, series) in _functions)
        {
            if (now - series.LastServed > _servedWindow && _live?.IsLive(key.App, key.Environment, key.Function, key.Version) != true)
            {
                (stale ??= []).Add(key);
            }
        }

        foreach (var key in stale ?? [])
        {
            _functions.Remove(key);
        }
    }

    private static string StatusClass(int status) =>
        status is >= 100 and < 600 ? (status / 100).ToString(CultureInfo.InvariantCulture) + "xx" : "other";
}

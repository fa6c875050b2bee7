using System.Threading.Channels;
using Fathom.Gateway.Traffic;
using Fathom.Runtime.Events;
using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Metrics.Emf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Telemetry.Metrics;

/// <summary>The metric store's recorder: an <see cref="IMetricSink"/> that only queues (a full queue drops and counts),
/// and a background loop that, every <see cref="MetricsOptions.FlushInterval"/>, folds the queue into the open seconds
/// (<see cref="MetricAggregator"/>) and writes the seconds closed for longer than <see cref="MetricsOptions.Lag"/>.
/// EMF lines are parsed here, off the ingest's loop.</summary>
public sealed partial class MetricRecorder : BackgroundService, IMetricSink
{
    /// <summary>Drop reasons it adds to <see cref="TelemetryDrops"/>.</summary>
    public const string QueueFull = "metrics_queue_full";
    public const string StoreFailed = "metrics_store_failed";
    public const string EmfInvalid = "emf_invalid";

    private readonly Channel<object> _queue;
    private readonly MetricStore _store;
    private readonly TelemetryDrops _drops;
    private readonly MetricsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MetricRecorder> _logger;
    private readonly Lock _lock = new();
    private readonly MetricAggregator _aggregator;
    private long _invocations, _requests, _emfLines, _emfValues, _emfInvalid, _dropped;

    public MetricRecorder(MetricStore store, TelemetryDrops drops, MetricsOptions options, TimeProvider time, ILogger<MetricRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _drops = drops;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(options.QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        // Records of the last few seconds before the start still get their own second.
        _aggregator = new MetricAggregator(time.GetUtcNow().ToUnixTimeSeconds() - 5);
    }

    public MetricRecorderStats Stats => new(
        Interlocked.Read(ref _invocations), Interlocked.Read(ref _requests), Interlocked.Read(ref _emfLines), Interlocked.Read(ref _emfValues),
        Interlocked.Read(ref _emfInvalid), Interlocked.Read(ref _dropped), _store.PointsWritten);

    public void OfferInvocation(InvocationCompleted invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        Enqueue(invocation, invocation.FunctionName);
    }

    public void OfferRequest(GatewayRequestCompleted request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Enqueue(request, request.Function ?? "-");
    }

    public void OfferLine(LogRecord line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (EmfParser.MayBeEmf(line.Fields) || EmfParser.MayBeEmf(line.Message))
        {
            Enqueue(line, line.Function);
        }
    }

    /// <summary>Folds what is queued into the open seconds and writes those closed before <paramref name="now"/> minus
    /// the lag. The background loop calls it every flush interval; tests call it with their own clock.</summary>
    internal void Flush(DateTimeOffset now) => Write(Take(now.ToUnixTimeSeconds() - (long)_options.Lag.TotalSeconds));

    /// <summary>Writes everything, open seconds included (at shutdown).</summary>
    internal void FlushAll()
    {
        List<FlushedPoint> points;
        lock (_lock)
        {
            Drain();
            points = _aggregator.TakeAll();
        }

        Write(points);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        FlushAll();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.FlushInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush(_time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync writes what is left.
        }
    }

    private void Enqueue(object item, string function)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref _dropped);
            _drops.Add(function, QueueFull);
        }
    }

    private List<FlushedPoint> Take(long before)
    {
        lock (_lock)
        {
            Drain();
            return _aggregator.TakeBefore(before);
        }
    }

    private void Drain()
    {
        while (_queue.Reader.TryRead(out var item))
        {
            switch (item)
            {
                case InvocationCompleted invocation:
                    _aggregator.Add(invocation);
                    Interlocked.Increment(ref _invocations);
                    break;
                case GatewayRequestCompleted request:
                    _aggregator.Add(request);
                    Interlocked.Increment(ref _requests);
                    break;
                case LogRecord line:
                    AddEmf(line);
                    break;
            }
        }
    }

    private void AddEmf(LogRecord line)
    {
        var text = EmfParser.MayBeEmf(line.Fields) ? line.Fields! : line.Message;
        if (EmfParser.Parse(text, out var error) is not { } values)
        {
            Interlocked.Increment(ref _emfInvalid);
            _drops.Add(line.Function, EmfInvalid);
            LogInvalidEmf(_logger, line.Function, error!);
            return;
        }

        Interlocked.Increment(ref _emfLines);
        Interlocked.Add(ref _emfValues, values.Count);
        foreach (var value in values)
        {
            var key = new SeriesKey(MetricNames.EmfKind, line.App, line.Environment, line.Function, line.Version, line.Qualifier ?? "",
                line.Source ?? "", "", value.Namespace, value.Name, value.Dimensions, value.Unit);
            _aggregator.Add(line.Time, key, value.Value);
        }
    }

    private void Write(List<FlushedPoint> points)
    {
        try
        {
            _store.Write(points);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or ObjectDisposedException)
        {
            Interlocked.Add(ref _dropped, points.Count);
            foreach (var group in points.GroupBy(p => p.Key.Function, StringComparer.Ordinal))
            {
                _drops.Add(group.Key.Length > 0 ? group.Key : "-", StoreFailed, group.Count());
            }

            LogWriteFailed(_logger, e, points.Count);
        }
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Debug, Message = "Ignored an invalid EMF line of {Function}: {Error}")]
    private static partial void LogInvalidEmf(ILogger logger, string function, string error);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "Could not store {Count} metric points; they are counted as dropped")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}

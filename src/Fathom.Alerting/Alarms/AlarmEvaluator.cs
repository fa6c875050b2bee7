using System.Collections.Concurrent;
using Fathom.Platform.Events;
using Fathom.Platform.Time;
using Fathom.Telemetry.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Alerting.Alarms;

/// <summary>Evaluates every alarm of every live environment each time one of its periods completes (checked every second,
/// scaled), records each state change with its reason and datapoints in <c>alerting.db</c>, then appends it to
/// <c>platform.db</c> as an <c>alarm.state</c> event.</summary>
public sealed partial class AlarmEvaluator : BackgroundService
{
    private readonly IAlarmSources _sources;
    private readonly AlarmMetricReader _reader;
    private readonly AlarmStore _store;
    private readonly PlatformEventStore _events;
    private readonly TimeScale _scale;
    private readonly TimeProvider _time;
    private readonly ILogger<AlarmEvaluator> _logger;
    private readonly ConcurrentDictionary<(string App, string Environment, string Name), DateTimeOffset> _evaluated = new();

    public AlarmEvaluator(
        IAlarmSources sources, MetricStore metrics, AlarmStore store, PlatformEventStore events, TimeScale scale, TimeProvider time,
        ILogger<AlarmEvaluator> logger, TimeSpan settle)
    {
        _sources = sources;
        _reader = new AlarmMetricReader(metrics);
        _store = store;
        _events = events;
        _scale = scale;
        _time = time;
        _logger = logger;
        Settle = settle;
    }

    /// <summary>How long after a second ends its metric points are surely written (the recorder's lag and flush interval).</summary>
    public TimeSpan Settle { get; }

    /// <summary>How often periods are checked for completion.</summary>
    public TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(200, _scale.Scale(TimeSpan.FromSeconds(1)).TotalMilliseconds));

    /// <summary>One pass over every alarm: evaluates those with a newly completed period. The loop calls it; tests call
    /// it with their own clock.</summary>
    public async Task EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        foreach (var environment in _sources.Environments)
        {
            var versions = environment.Functions.ToDictionary(f => f.Name, f => f.LiveVersion, StringComparer.Ordinal);
            foreach (var definition in AlarmCatalog.For(environment))
            {
                if (definition.Rule is { } rule)
                {
                    await EvaluateAsync(environment, rule, rule.Function is { } f ? versions.GetValueOrDefault(f) : null, now, cancellationToken);
                }
            }
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // A transition recorded but not published when the process stopped is published now.
        foreach (var transition in _store.Unpublished())
        {
            await PublishAsync(transition, cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await EvaluateAsync(stoppingToken);
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException or ArgumentException)
                {
                    LogEvaluationFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task EvaluateAsync(AlarmEnvironment environment, AlarmRule rule, string? version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = (environment.App, environment.Environment, rule.Name);
        var period = AlarmPeriods.Evaluated(rule.Period, _scale);
        var end = AlarmPeriods.LastCompleteEnd(now, period, Settle);
        var status = _store.GetOrCreate(environment.App, environment.Environment, rule.Name, now);
        if (_evaluated.TryGetValue(key, out var last) && last >= end)
        {
            return;
        }

        _evaluated[key] = end;
        var points = _reader.Read(environment.App, environment.Environment, rule, period, end - (period * 2 * rule.EvaluationPeriods), end);
        var outcome = AlarmEvaluation.Evaluate(rule, points, end, period, status.State);
        if (outcome.Keep || outcome.State == status.State)
        {
            return;
        }

        var transition = new AlarmTransition(
            environment.App, environment.Environment, rule.Name, status.Seq + 1, now, status.State, outcome.State, outcome.Reason, outcome.Datapoints,
            rule.Function, version, AlarmPayload.For(rule, status.State, outcome, period));
        _store.Record(transition);
        LogTransition(_logger, environment.App, environment.Environment, rule.Name, status.State, outcome.State, outcome.Reason);
        await PublishAsync(transition, cancellationToken);
    }

    private async Task PublishAsync(AlarmTransition transition, CancellationToken cancellationToken)
    {
        await _events.AppendAsync(new PlatformEvent
        {
            Time = transition.Time,
            Kind = PlatformEventKinds.AlarmState,
            App = transition.App,
            Environment = transition.Environment,
            Function = transition.Function,
            Version = transition.Version,
            DedupeKey = $"alarm:{transition.App}/{transition.Environment}/{transition.Name}:{transition.Seq}",
            Payload = transition.Payload,
        }, cancellationToken);
        _store.MarkPublished(transition);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {App}/{Environment}/{Alarm}: {Old} -> {New}: {Reason}")]
    private static partial void LogTransition(ILogger logger, string app, string environment, string alarm, string old, string @new, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm evaluation failed; it runs again at the next tick")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);
}

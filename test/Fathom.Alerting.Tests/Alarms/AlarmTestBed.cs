using Fathom.Alerting.Alarms;
using Fathom.Apps.Config;
using Fathom.Apps.Resources;
using Fathom.Platform.Events;
using Fathom.Platform.Time;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;
using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Alerting.Tests.Alarms;

/// <summary>A real metrics.db written through the real MetricRecorder, alerting.db and platform.db in a temp directory,
/// and a fake clock that starts on a 10-second boundary.</summary>
internal sealed class AlarmTestBed : IAlarmSources, IDisposable
{
    public const string App = "shop";
    public const string Env = "test";
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-alarms-").FullName;

    public AlarmTestBed()
    {
        Metrics = MetricStore.Open(_dir);
        Store = AlarmStore.Open(_dir);
        Events = PlatformEventStore.Open(_dir);
        Evaluator = new AlarmEvaluator(this, Metrics, Store, Events, TimeScale.None, Time, NullLogger<AlarmEvaluator>.Instance, Settle);
        Gate = new AlarmGate(Metrics, TimeScale.None, Time, Settle);
    }

    public DateTimeOffset Start { get; } = new(2026, 12, 7, 21, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 7, 21, 0, 0, TimeSpan.Zero));

    public MetricStore Metrics { get; }

    public AlarmStore Store { get; }

    public PlatformEventStore Events { get; }

    public AlarmEvaluator Evaluator { get; }

    public AlarmGate Gate { get; }

    public List<AlarmFunction> Functions { get; } = [new("checkout", TimeSpan.FromSeconds(1), "1")];

    public List<AlarmModel> Template { get; } = [];

    public AlarmsConfig Config { get; set; } = new();

    public IReadOnlyList<AlarmEnvironment> Environments => [new AlarmEnvironment(App, Env, Functions, Template, Config)];

    public AlarmEnvironment Environment => Environments[0];

    /// <summary>Records invocations of the 10-second period <paramref name="period"/> (0 = the first) through a recorder,
    /// one per second from its start.</summary>
    public void Record(int period, IEnumerable<(InvocationOutcome Outcome, double Ms, string Version)> calls, string function = "checkout")
    {
        var recorder = new MetricRecorder(Metrics, new TelemetryDrops(), new MetricsOptions { DataDirectory = _dir }, Time, NullLogger<MetricRecorder>.Instance);
        var i = 0;
        foreach (var (outcome, ms, version) in calls)
        {
            var time = Start.AddSeconds((period * 10) + (i++ % 10));
            recorder.OfferInvocation(new InvocationCompleted
            {
                App = App, Environment = Env, FunctionName = function, Version = version, Time = time, RequestId = Guid.NewGuid().ToString(),
                Source = "api", Start = time, Duration = TimeSpan.FromMilliseconds(ms), Outcome = outcome,
            });
        }

        recorder.StopAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
    }

    public static IEnumerable<(InvocationOutcome, double, string)> Calls(int count, InvocationOutcome outcome = InvocationOutcome.Success, double ms = 10, string version = "1") =>
        Enumerable.Repeat((outcome, ms, version), count);

    /// <summary>Moves the clock to just after period <paramref name="period"/> is written, and evaluates.</summary>
    public async Task EvaluateAfterAsync(int period)
    {
        var target = Start.AddSeconds((period + 1) * 10) + Settle;
        if (target > Time.GetUtcNow())
        {
            Time.SetUtcNow(target);
        }

        await Evaluator.EvaluateAsync(TestContext.Current.CancellationToken);
    }

    public string State(string alarm) => Store.Find(App, Env, alarm)?.State ?? AlarmStates.InsufficientData;

    public async Task<IReadOnlyList<PlatformEvent>> AlarmEventsAsync() => await Events.ReadAfterAsync(0, kind: PlatformEventKinds.AlarmState, limit: 1000, cancellationToken: TestContext.Current.CancellationToken);

    public static AlarmModel TemplateAlarm(string name, string metric, string treatMissingData = "missing", int periods = 1, int datapoints = 1) => new()
    {
        LogicalId = name,
        Name = name,
        Arn = $"arn:aws:cloudwatch:us-east-1:000000000000:alarm:{name}",
        MetricName = metric,
        Namespace = "AWS/Lambda",
        Dimensions = new Dictionary<string, string> { ["FunctionName"] = "checkout" },
        Statistic = "Sum",
        PeriodSeconds = 10,
        EvaluationPeriods = periods,
        DatapointsToAlarm = datapoints,
        Threshold = 0,
        ComparisonOperator = "GreaterThanThreshold",
        TreatMissingData = treatMissingData,
        AlarmActions = ["arn:aws:sns:us-east-1:000000000000:ops"],
    };

    public void Dispose()
    {
        Evaluator.Dispose();
        Metrics.Dispose();
        Store.Dispose();
        Events.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}

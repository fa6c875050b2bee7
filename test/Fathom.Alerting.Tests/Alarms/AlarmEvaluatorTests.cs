using System.Text.Json;
using Fathom.Alerting.Alarms;
using Fathom.Apps.Config;
using Fathom.Runtime.Invocations;

namespace Fathom.Alerting.Tests.Alarms;

public sealed class AlarmEvaluatorTests : IDisposable
{
    private readonly AlarmTestBed _bed = new();

    [Fact]
    public async Task ErrorRate_FailingFunction_GoesToAlarmWithOneEventThenRecoversToOk()
    {
        _bed.Record(0, AlarmTestBed.Calls(8).Concat(AlarmTestBed.Calls(2, InvocationOutcome.FunctionError)));
        await _bed.EvaluateAfterAsync(0);

        _bed.State("checkout-ErrorRate").Should().Be(AlarmStates.Alarm);
        // Every other default alarm of the function went from INSUFFICIENT_DATA to OK, as CloudWatch's would.
        var raised = (await _bed.AlarmEventsAsync()).Should().ContainSingle(e => e.DedupeKey.Contains("ErrorRate")).Subject;
        raised.DedupeKey.Should().Be("alarm:shop/test/checkout-ErrorRate:1");
        raised.Function.Should().Be("checkout");
        raised.Version.Should().Be("1");
        using var payload = JsonDocument.Parse(raised.Payload);
        payload.RootElement.GetProperty("state").GetString().Should().Be("ALARM");
        payload.RootElement.GetProperty("previousState").GetString().Should().Be("INSUFFICIENT_DATA");
        payload.RootElement.GetProperty("kind").GetString().Should().Be("default");
        payload.RootElement.GetProperty("reason").GetString().Should().Be(
            "Threshold Crossed: 1 datapoint [20.0 (07/12/26 21:00:00)] was greater than the threshold (5.0).");
        payload.RootElement.GetProperty("datapoints")[0].GetProperty("value").GetDouble().Should().Be(20);

        // Evaluating again in the same period changes nothing; a healthy period recovers.
        await _bed.Evaluator.EvaluateAsync(TestContext.Current.CancellationToken);
        _bed.Record(1, AlarmTestBed.Calls(10));
        await _bed.EvaluateAfterAsync(1);

        _bed.State("checkout-ErrorRate").Should().Be(AlarmStates.Ok);
        var history = _bed.Store.History(AlarmTestBed.App, AlarmTestBed.Env, "checkout-ErrorRate");
        history.Select(t => $"{t.OldState}->{t.NewState}").Should().Equal("ALARM->OK", "INSUFFICIENT_DATA->ALARM");
        history[0].Reason.Should().Be("Threshold Crossed: 1 datapoint [0.0 (07/12/26 21:00:10)] was not greater than the threshold (5.0).");
        (await _bed.AlarmEventsAsync()).Select(e => e.DedupeKey).Where(k => k.Contains("ErrorRate"))
            .Should().Equal("alarm:shop/test/checkout-ErrorRate:1", "alarm:shop/test/checkout-ErrorRate:2");
    }

    [Fact]
    public async Task ErrorRate_FewerInvocationsThanTheMinimum_DoesNotAlarm()
    {
        _bed.Record(0, AlarmTestBed.Calls(3, InvocationOutcome.FunctionError));
        await _bed.EvaluateAfterAsync(0);

        _bed.State("checkout-ErrorRate").Should().Be(AlarmStates.Ok);
    }

    [Fact]
    public async Task DatapointsToAlarm_TwoOfThree_AlarmsOnTheSecondBreachingPeriodOnly()
    {
        _bed.Config = new AlarmsConfig
        {
            Functions = new Dictionary<string, DefaultAlarmOverrides> { ["checkout"] = new() { Timeouts = new AlarmOverride { EvaluationPeriods = 3, DatapointsToAlarm = 2 } } },
        };
        _bed.Record(0, AlarmTestBed.Calls(5).Append((InvocationOutcome.Timeout, 1000, "1")));
        await _bed.EvaluateAfterAsync(0);
        _bed.State("checkout-Timeouts").Should().Be(AlarmStates.Ok);

        _bed.Record(1, AlarmTestBed.Calls(5));
        await _bed.EvaluateAfterAsync(1);
        _bed.State("checkout-Timeouts").Should().Be(AlarmStates.Ok);

        _bed.Record(2, AlarmTestBed.Calls(5).Append((InvocationOutcome.Timeout, 1000, "1")));
        await _bed.EvaluateAfterAsync(2);

        _bed.State("checkout-Timeouts").Should().Be(AlarmStates.Alarm);
        _bed.Store.History(AlarmTestBed.App, AlarmTestBed.Env, "checkout-Timeouts")[0].Reason.Should().StartWith(
            "Threshold Crossed: 2 out of the last 3 datapoints [1.0 (07/12/26 21:00:20), 1.0 (07/12/26 21:00:00)] were greater than the threshold (0.0)");
    }

    [Theory]
    [InlineData("missing", AlarmStates.InsufficientData)]
    [InlineData("ignore", AlarmStates.Alarm)]
    [InlineData("breaching", AlarmStates.Alarm)]
    [InlineData("notBreaching", AlarmStates.Ok)]
    public async Task TreatMissingData_NoDataAfterAnAlarm_LeadsToItsState(string treatMissingData, string expected)
    {
        _bed.Template.Add(AlarmTestBed.TemplateAlarm("ErrorsAny", "Errors", treatMissingData));
        _bed.Record(0, AlarmTestBed.Calls(1, InvocationOutcome.FunctionError));
        await _bed.EvaluateAfterAsync(0);
        _bed.State("ErrorsAny").Should().Be(AlarmStates.Alarm);

        // Two periods with no invocation at all: nothing is recorded, as with no traffic in CloudWatch.
        await _bed.EvaluateAfterAsync(1);
        await _bed.EvaluateAfterAsync(2);

        _bed.State("ErrorsAny").Should().Be(expected);
    }

    [Fact]
    public async Task DurationP99_SlowerThanEightyPercentOfTheTimeout_Alarms()
    {
        _bed.Functions.Add(new AlarmFunction("search", TimeSpan.FromSeconds(1), "1"));
        _bed.Record(0, AlarmTestBed.Calls(100, ms: 950));
        _bed.Record(0, AlarmTestBed.Calls(100, ms: 50).Append((InvocationOutcome.Success, 900, "1")), function: "search");
        await _bed.EvaluateAfterAsync(0);

        _bed.State("checkout-DurationP99").Should().Be(AlarmStates.Alarm);
        _bed.State("search-DurationP99").Should().Be(AlarmStates.Ok);
        var reason = _bed.Store.Find(AlarmTestBed.App, AlarmTestBed.Env, "checkout-DurationP99")!.Reason;
        reason.Should().Contain("was greater than the threshold (800.0)");
    }

    [Fact]
    public async Task TemplateAlarm_WithMetricMath_IsListedAsNotEvaluatedWithItsReason()
    {
        _bed.Template.Add(AlarmTestBed.TemplateAlarm("Math", "Errors") with { MetricName = null, Metrics = JsonDocument.Parse("[]").RootElement });
        await _bed.EvaluateAfterAsync(0);

        var math = AlarmCatalog.For(_bed.Environment).Single(d => d.Name == "Math");
        math.Evaluated.Should().BeFalse();
        math.NotEvaluated.Should().Contain("metric math");
        _bed.Store.Find(AlarmTestBed.App, AlarmTestBed.Env, "Math").Should().BeNull();
    }

    [Fact]
    public async Task Restart_TransitionNotYetPublished_IsPublishedOnceOnStart()
    {
        _bed.Record(0, AlarmTestBed.Calls(10, InvocationOutcome.FunctionError));
        await _bed.EvaluateAfterAsync(0);
        var transition = _bed.Store.History(AlarmTestBed.App, AlarmTestBed.Env, "checkout-ErrorRate")[0];
        var published = (await _bed.AlarmEventsAsync()).Count;

        // As if the process stopped between alerting.db and platform.db: the event is published again, deduplicated.
        using (var command = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.GetDirectoryName(_bed.Metrics.DatabasePath)}/alerting.db"))
        {
            command.Open();
            using var update = command.CreateCommand();
            update.CommandText = "UPDATE alarm_history SET published = 0";
            update.ExecuteNonQuery();
        }

        _bed.Store.Unpublished().Should().HaveCount(published).And.Contain(t => t.Name == "checkout-ErrorRate" && t.Seq == transition.Seq);
        await _bed.Evaluator.StartAsync(TestContext.Current.CancellationToken);
        await _bed.Evaluator.StopAsync(TestContext.Current.CancellationToken);

        (await _bed.AlarmEventsAsync()).Should().HaveCount(published).And.ContainSingle(e => e.DedupeKey == "alarm:shop/test/checkout-ErrorRate:1");
        _bed.Store.Unpublished().Should().BeEmpty();
    }

    public void Dispose() => _bed.Dispose();
}

using Fathom.Alerting.Alarms;
using Fathom.Runtime.Invocations;

namespace Fathom.Alerting.Tests.Alarms;

public sealed class AlarmGateTests : IDisposable
{
    private readonly AlarmTestBed _bed = new();

    [Fact]
    public void Check_OneVersionFailsBesideAHealthyOne_OnlyThatVersionAlarms()
    {
        _bed.Record(0, AlarmTestBed.Calls(10, version: "1").Concat(AlarmTestBed.Calls(10, InvocationOutcome.FunctionError, version: "2")));
        _bed.Record(1, AlarmTestBed.Calls(10, version: "1").Concat(AlarmTestBed.Calls(10, version: "2")));
        _bed.Time.SetUtcNow(_bed.Start.AddSeconds(20) + AlarmTestBed.Settle);

        var healthy = _bed.Gate.Check(_bed.Environment, "checkout", "1", _bed.Start);
        var failing = _bed.Gate.Check(_bed.Environment, "checkout", "2", _bed.Start);

        healthy.Single(r => r.Name == "checkout-ErrorRate").State.Should().Be(AlarmStates.Ok);
        var alarm = failing.Single(r => r.Name == "checkout-ErrorRate");
        alarm.State.Should().Be(AlarmStates.Alarm, "a canary that breached once has failed, even if it recovered since");
        alarm.Reason.Should().Be("Threshold Crossed: 1 datapoint [100.0 (07/12/26 21:00:00)] was greater than the threshold (5.0).");
        failing.Select(r => r.Name).Should().Contain(["checkout-Throttles", "checkout-DurationP99", "checkout-Timeouts", "checkout-OutOfMemory"]);
    }

    [Fact]
    public void Check_NoCompletePeriodSinceTheStart_IsInsufficientData()
    {
        _bed.Time.SetUtcNow(_bed.Start.AddSeconds(5));

        var results = _bed.Gate.Check(_bed.Environment, "checkout", "1", _bed.Start);

        results.Should().OnlyContain(r => r.State == AlarmStates.InsufficientData);
    }

    [Fact]
    public void Check_TemplateAlarmWithMetricMath_IsNotEvaluatedWithItsReason()
    {
        _bed.Template.Add(AlarmTestBed.TemplateAlarm("Math", "Errors") with { MetricName = null, Metrics = System.Text.Json.JsonDocument.Parse("[]").RootElement });
        _bed.Time.SetUtcNow(_bed.Start.AddSeconds(20) + AlarmTestBed.Settle);

        var math = _bed.Gate.Check(_bed.Environment, "checkout", "1", _bed.Start).Single(r => r.Name == "Math");

        math.State.Should().Be(AlarmStates.NotEvaluated);
        math.Evaluated.Should().BeFalse();
        math.Reason.Should().Contain("metric math");
    }

    public void Dispose() => _bed.Dispose();
}

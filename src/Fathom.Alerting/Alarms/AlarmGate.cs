using Fathom.Platform.Time;
using Fathom.Telemetry.Metrics;

namespace Fathom.Alerting.Alarms;

/// <summary>The rollout gate: any alarm rule (default or template) evaluated on the datapoints of ONE version of a function
/// since a given time. Every complete period since then is evaluated as the alarm would have been; one ALARM is the
/// answer (a canary that breached once has failed), else the last evaluation's state.</summary>
public sealed class AlarmGate
{
    private readonly AlarmMetricReader _reader;
    private readonly TimeScale _scale;
    private readonly TimeProvider _time;
    private readonly TimeSpan _settle;

    public AlarmGate(MetricStore metrics, TimeScale scale, TimeProvider time, TimeSpan settle)
    {
        _reader = new AlarmMetricReader(metrics);
        _scale = scale;
        _time = time;
        _settle = settle;
    }

    /// <summary>Checks every alarm of the environment that concerns <paramref name="function"/> (its defaults, and template
    /// alarms on it or on no function) against <paramref name="version"/>'s datapoints since <paramref name="since"/>.</summary>
    public IReadOnlyList<AlarmGateResult> Check(AlarmEnvironment environment, string function, string version, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Check(environment.App, environment.Environment, function, version, since,
            AlarmCatalog.For(environment).Where(d => d.Function is null || d.Function == function));
    }

    /// <summary>Checks the given alarms against one version's datapoints since <paramref name="since"/>.</summary>
    public IReadOnlyList<AlarmGateResult> Check(
        string app, string environment, string function, string version, DateTimeOffset since, IEnumerable<AlarmDefinition> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        var now = _time.GetUtcNow();
        var results = new List<AlarmGateResult>();
        foreach (var alarm in alarms)
        {
            results.Add(alarm.Rule is { } rule
                ? Check(app, environment, function, version, since, now, rule)
                : new AlarmGateResult(alarm.Name, alarm.Kind, AlarmStates.NotEvaluated, alarm.NotEvaluated ?? "not evaluated", []));
        }

        return results;
    }

    private AlarmGateResult Check(string app, string environment, string function, string version, DateTimeOffset since, DateTimeOffset now, AlarmRule rule)
    {
        var period = AlarmPeriods.Evaluated(rule.Period, _scale);
        var seconds = (long)period.TotalSeconds;
        var first = DateTimeOffset.FromUnixTimeSeconds(Math.DivRem(since.ToUnixTimeSeconds(), seconds).Quotient * seconds);
        var last = AlarmPeriods.LastCompleteEnd(now, period, _settle);
        if (last <= first)
        {
            return new AlarmGateResult(rule.Name, rule.Kind, AlarmStates.InsufficientData, $"Insufficient Data: no {seconds}-second period has completed since {since:O}.", []);
        }

        var points = _reader.Read(app, environment, rule, period, first, last, function, version);
        var state = AlarmStates.InsufficientData;
        AlarmOutcome? outcome = null;
        for (var end = first + period; end <= last; end += period)
        {
            var upTo = end;
            var evaluated = AlarmEvaluation.Evaluate(rule, [.. points.Where(p => p.Time < upTo)], end, period, state);
            if (!evaluated.Keep)
            {
                state = evaluated.State;
                outcome = evaluated;
            }

            if (state == AlarmStates.Alarm)
            {
                break;
            }
        }

        return new AlarmGateResult(rule.Name, rule.Kind, state, outcome?.Reason ?? AlarmReason.Insufficient(rule.EvaluationPeriods), outcome?.Datapoints ?? []);
    }
}

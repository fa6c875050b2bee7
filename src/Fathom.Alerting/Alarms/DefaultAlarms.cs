using Fathom.Apps.Config;
using Fathom.Telemetry.Metrics;

namespace Fathom.Alerting.Alarms;

/// <summary>The alarms every function gets with no configuration (docs/alarms.md says why each): 10-second periods, 1 of
/// 1 datapoints, missing data not breaching, so a local failure shows within seconds; <c>fathom.yaml</c>'s
/// <c>alarms:</c> section changes or turns off each.</summary>
public static class DefaultAlarms
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    public const double ErrorRatePercent = 5;
    public const int MinimumInvocations = 5;
    public const double DurationPercentOfTimeout = 80;

    /// <summary>The metric Fathom records for environments killed for exceeding MemorySize (CloudWatch has none).</summary>
    public const string OutOfMemoryMetric = MetricNames.OutOfMemoryKills;

    /// <summary>The default alarms of one function, overrides applied (per function over <c>defaults</c>); turned-off
    /// ones are left out.</summary>
    public static IReadOnlyList<AlarmRule> For(string function, TimeSpan timeout, AlarmsConfig? config = null)
    {
        config ??= new AlarmsConfig();
        var own = config.Functions.GetValueOrDefault(function);
        var rules = new List<AlarmRule>();
        foreach (var key in DefaultAlarmOverrides.Keys)
        {
            var rule = Base(key, function, timeout, own?[key]?.Threshold ?? config.Defaults[key]?.Threshold);
            var merged = Merge(config.Defaults[key], own?[key]);
            if (merged.Enabled == false)
            {
                continue;
            }

            rules.Add(rule with
            {
                Period = merged.Period ?? rule.Period,
                EvaluationPeriods = merged.EvaluationPeriods ?? rule.EvaluationPeriods,
                DatapointsToAlarm = merged.DatapointsToAlarm ?? Math.Min(rule.DatapointsToAlarm, merged.EvaluationPeriods ?? rule.EvaluationPeriods),
                TreatMissingData = merged.TreatMissingData ?? rule.TreatMissingData,
                Metric = rule.Metric.Ratio is { } ratio && merged.MinimumInvocations is { } min
                    ? rule.Metric with { Ratio = ratio with { MinimumDenominator = min } }
                    : rule.Metric,
            });
        }

        return rules;
    }

    /// <summary>The default alarm names of a function (<c>Checkout-ErrorRate</c> ...).</summary>
    public static string NameOf(string function, string key) => key switch
    {
        "errorRate" => $"{function}-ErrorRate",
        "throttles" => $"{function}-Throttles",
        "duration" => $"{function}-DurationP99",
        "timeouts" => $"{function}-Timeouts",
        _ => $"{function}-OutOfMemory",
    };

    private static AlarmOverride Merge(AlarmOverride? all, AlarmOverride? own) => new()
    {
        Enabled = own?.Enabled ?? all?.Enabled,
        Period = own?.Period ?? all?.Period,
        EvaluationPeriods = own?.EvaluationPeriods ?? all?.EvaluationPeriods,
        DatapointsToAlarm = own?.DatapointsToAlarm ?? all?.DatapointsToAlarm,
        TreatMissingData = own?.TreatMissingData ?? all?.TreatMissingData,
        MinimumInvocations = own?.MinimumInvocations ?? all?.MinimumInvocations,
    };

    private static AlarmRule Base(string key, string function, TimeSpan timeout, double? threshold)
    {
        var name = NameOf(function, key);
        AlarmMetric Metric(string metric) => new() { Name = metric, Function = function, Dimensions = new Dictionary<string, string> { ["FunctionName"] = function } };
        AlarmRule Count(string metric, string description) => new()
        {
            Name = name,
            Kind = AlarmKinds.Default,
            Function = function,
            Description = description,
            Metric = Metric(metric),
            Statistic = "Sum",
            Period = Period,
            Threshold = threshold ?? 0,
            ComparisonOperator = AlarmComparison.GreaterThan,
            TreatMissingData = TreatMissingData.NotBreaching,
        };

        switch (key)
        {
            case "errorRate":
                var percent = threshold ?? ErrorRatePercent;
                return Count("ErrorRate", $"More than {Number(percent)} % of {function}'s invocations failed (with at least {MinimumInvocations} invocations in a period)") with
                {
                    Metric = Metric("ErrorRate") with { Ratio = new AlarmRatio(MetricNames.Errors, MetricNames.Invocations, MinimumInvocations) },
                    Statistic = "Sum",
                    Threshold = percent,
                };
            case "throttles":
                return Count(MetricNames.Throttles, $"{function} refused invocations for lack of concurrency");
            case "duration":
                var share = threshold ?? DurationPercentOfTimeout;
                var limit = timeout.TotalMilliseconds * share / 100;
                return Count(MetricNames.Duration, $"{function}'s p99 duration is above {Number(share)} % of its {Number(timeout.TotalSeconds)} s timeout ({Number(limit)} ms)") with
                {
                    Statistic = "p99",
                    Threshold = limit,
                };
            case "timeouts":
                return Count(MetricNames.Timeouts, $"{function} ran past its timeout");
            default:
                return Count(OutOfMemoryMetric, $"{function}'s environment was killed for exceeding its MemorySize");
        }
    }

    private static string Number(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}

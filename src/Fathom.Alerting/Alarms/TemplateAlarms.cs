using Fathom.Apps.Resources;
using Fathom.Telemetry.Metrics;

namespace Fathom.Alerting.Alarms;

/// <summary>Turns the template's <c>AWS::CloudWatch::Alarm</c> resources into rules: Namespace <c>AWS/Lambda</c> (the
/// platform's per-function metrics, by FunctionName or Resource) and EMF namespaces. Anything else (metric math, anomaly
/// detection, another AWS namespace, an unknown statistic) is returned with the reason it is not evaluated.</summary>
public static class TemplateAlarms
{
    public static AlarmDefinition From(AlarmModel alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var function = alarm.Dimensions.GetValueOrDefault("FunctionName") ?? alarm.Dimensions.GetValueOrDefault("Resource")?.Split(':')[0];
        var reason = WhyNot(alarm);
        return new AlarmDefinition(alarm.Name, AlarmKinds.Template, function, alarm.Description, reason is null ? Rule(alarm, function) : null, reason);
    }

    private static string? WhyNot(AlarmModel alarm)
    {
        if (alarm.Metrics is not null)
        {
            return "metric math (Metrics) is not evaluated locally; it is exported to CloudWatch as written";
        }

        if (!AlarmComparison.IsSupported(alarm.ComparisonOperator))
        {
            return $"{alarm.ComparisonOperator} is anomaly detection, which is not evaluated locally";
        }

        if (alarm.MetricName is null || alarm.Threshold is null)
        {
            return "it has no MetricName or Threshold";
        }

        if (alarm.Namespace is null)
        {
            return "it has no Namespace";
        }

        if (alarm.Namespace == AlarmMetric.LambdaNamespace)
        {
            if (MetricNames.Find(alarm.MetricName) is not { Kind: MetricNames.FunctionKind })
            {
                return $"AWS/Lambda metric {alarm.MetricName} is not one Fathom records ({string.Join(", ", MetricNames.BuiltIn.Where(m => m.Kind == MetricNames.FunctionKind).Select(m => m.Name))})";
            }

            var unknown = alarm.Dimensions.Keys.Where(k => k is not ("FunctionName" or "Resource")).ToList();
            if (unknown.Count > 0)
            {
                return $"AWS/Lambda dimension {string.Join(", ", unknown)} is not evaluated (FunctionName and Resource are)";
            }
        }
        else if (alarm.Namespace.StartsWith("AWS/", StringComparison.Ordinal))
        {
            return $"namespace {alarm.Namespace} is not recorded locally (AWS/Lambda and EMF namespaces are)";
        }

        var statistic = alarm.ExtendedStatistic ?? alarm.Statistic;
        if (statistic is null || AlarmRule.QueryStatisticOf(statistic) is null)
        {
            return $"statistic '{statistic}' is not evaluated (Sum, Average, Minimum, Maximum, SampleCount and pNN are)";
        }

        return null;
    }

    private static AlarmRule Rule(AlarmModel alarm, string? function)
    {
        string? alias = null, version = null;
        if (alarm.Dimensions.GetValueOrDefault("Resource") is { } resource && resource.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            var qualifier = resource[(colon + 1)..];
            if (qualifier.All(char.IsAsciiDigit))
            {
                version = qualifier;
            }
            else
            {
                alias = qualifier;
            }
        }

        var lambda = alarm.Namespace == AlarmMetric.LambdaNamespace;
        return new AlarmRule
        {
            Name = alarm.Name,
            Kind = AlarmKinds.Template,
            Description = alarm.Description,
            Function = function,
            Metric = new AlarmMetric
            {
                Name = lambda ? MetricNames.Find(alarm.MetricName!)!.Name : alarm.MetricName!,
                Namespace = alarm.Namespace!,
                Dimensions = alarm.Dimensions,
                Function = lambda ? function : null,
                Alias = alias,
                Version = version,
            },
            Statistic = alarm.ExtendedStatistic ?? alarm.Statistic!,
            Period = TimeSpan.FromSeconds(alarm.PeriodSeconds ?? 60),
            EvaluationPeriods = alarm.EvaluationPeriods,
            DatapointsToAlarm = alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods,
            Threshold = alarm.Threshold!.Value,
            ComparisonOperator = alarm.ComparisonOperator,
            TreatMissingData = TreatMissingData.All.Contains(alarm.TreatMissingData) ? alarm.TreatMissingData : TreatMissingData.Missing,
            AlarmActions = alarm.ActionsEnabled ? alarm.AlarmActions : [],
            OkActions = alarm.ActionsEnabled ? alarm.OkActions : [],
            InsufficientDataActions = alarm.ActionsEnabled ? alarm.InsufficientDataActions : [],
        };
    }
}

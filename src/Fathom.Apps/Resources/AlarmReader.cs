namespace Fathom.Apps.Resources;

/// <summary>Reads <c>AWS::CloudWatch::Alarm</c> as data for the alerting component.</summary>
internal static class AlarmReader
{
    private static readonly string[] Comparisons =
    [
        "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
        "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold",
    ];

    public static AlarmModel Read(TemplateContext context, ResourceEntry entry)
    {
        var p = new PropertyReader(context, entry.Properties, entry.LogicalId);
        var name = context.Resources.NameOf(entry);
        var comparison = p.String("ComparisonOperator");
        if (comparison is null)
        {
            context.Diagnostics.Error(entry.Key, $"alarm {entry.LogicalId} has no ComparisonOperator");
        }
        else if (!Comparisons.Contains(comparison))
        {
            context.Diagnostics.Error(p.Raw("ComparisonOperator")!, $"{entry.LogicalId}.ComparisonOperator '{comparison}' is not one of {string.Join(", ", Comparisons)}{Validation.Suggestions.Hint(comparison, Comparisons)}");
        }

        if (p.Raw("EvaluationPeriods") is null)
        {
            context.Diagnostics.Error(entry.Key, $"alarm {entry.LogicalId} has no EvaluationPeriods");
        }

        if (p.Raw("MetricName") is null && p.Raw("Metrics") is null)
        {
            context.Diagnostics.Error(entry.Key, $"alarm {entry.LogicalId} needs MetricName or Metrics");
        }

        return new AlarmModel
        {
            LogicalId = entry.LogicalId,
            Name = name,
            Arn = context.Resources.AlarmArn(name),
            Description = p.String("AlarmDescription"),
            MetricName = p.String("MetricName"),
            Namespace = p.String("Namespace"),
            Dimensions = Dimensions(p),
            Statistic = p.String("Statistic"),
            ExtendedStatistic = p.String("ExtendedStatistic"),
            PeriodSeconds = p.Int("Period", 1, 86400 * 7, " s"),
            EvaluationPeriods = p.Int("EvaluationPeriods", 1, 1000) ?? 1,
            DatapointsToAlarm = p.Int("DatapointsToAlarm", 1, 1000),
            Threshold = p.Double("Threshold"),
            ComparisonOperator = comparison ?? string.Empty,
            TreatMissingData = p.String("TreatMissingData") ?? "missing",
            Unit = p.String("Unit"),
            ActionsEnabled = p.Bool("ActionsEnabled") ?? true,
            AlarmActions = p.StringList("AlarmActions"),
            OkActions = p.StringList("OKActions"),
            InsufficientDataActions = p.StringList("InsufficientDataActions"),
            Metrics = p.Data("Metrics"),
        };
    }

    private static Dictionary<string, string> Dimensions(PropertyReader p)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (p.Node("Dimensions") is not Templates.SequenceNode list)
        {
            return result;
        }

        foreach (var item in list.Items.OfType<Templates.MappingNode>())
        {
            var dimension = new PropertyReader(p.Context, item, p.Owner + ".Dimensions");
            if (dimension.String("Name") is { } name)
            {
                result[name] = dimension.String("Value") ?? string.Empty;
            }
        }

        return result;
    }
}

namespace Fathom.Alerting.Alarms;

/// <summary>An alarm Fathom evaluates, with CloudWatch's fields: default, template or uptime alike.</summary>
public sealed record AlarmRule
{
    public required string Name { get; init; }

    /// <summary>One of <see cref="AlarmKinds"/>.</summary>
    public required string Kind { get; init; }

    public string? Description { get; init; }

    /// <summary>The function it concerns, when one.</summary>
    public string? Function { get; init; }

    public required AlarmMetric Metric { get; init; }

    /// <summary>CloudWatch's spelling: <c>Sum</c>, <c>Average</c>, <c>Minimum</c>, <c>Maximum</c>, <c>SampleCount</c>, or a
    /// percentile <c>p99</c>.</summary>
    public required string Statistic { get; init; }

    /// <summary>The configured period (the time scale divides it when evaluated).</summary>
    public required TimeSpan Period { get; init; }

    public int EvaluationPeriods { get; init; } = 1;

    public int DatapointsToAlarm { get; init; } = 1;

    public required double Threshold { get; init; }

    /// <summary>One of <see cref="AlarmComparison"/>.</summary>
    public required string ComparisonOperator { get; init; }

    /// <summary>One of <see cref="Alarms.TreatMissingData"/>.</summary>
    public string TreatMissingData { get; init; } = Alarms.TreatMissingData.Missing;

    /// <summary>What the template's AlarmActions resolve to (a topic's ARN or logical id).</summary>
    public IReadOnlyList<string> AlarmActions { get; init; } = [];

    public IReadOnlyList<string> OkActions { get; init; } = [];

    public IReadOnlyList<string> InsufficientDataActions { get; init; } = [];

    /// <summary>The statistic as a metric query asks for it (<c>sum</c>, <c>avg</c>, <c>p99</c>).</summary>
    internal string QueryStatistic => QueryStatisticOf(Statistic) ?? "sum";

    internal static string? QueryStatisticOf(string statistic) => statistic switch
    {
        "Sum" => "sum",
        "Average" => "avg",
        "Minimum" => "min",
        "Maximum" => "max",
        "SampleCount" => "count",
        _ when statistic.Length > 1 && statistic[0] == 'p'
            && double.TryParse(statistic.AsSpan(1), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var p)
            && p is > 0 and <= 100 => statistic,
        _ => null,
    };
}

using System.Text.Json;

namespace Fathom.Apps.Resources;

/// <summary>An <c>AWS::CloudWatch::Alarm</c>, kept as data for the alerting component.</summary>
public sealed record AlarmModel
{
    public required string LogicalId { get; init; }

    /// <summary><c>AlarmName</c> when set, else the logical id; what <c>!Ref</c> returns.</summary>
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public string? Description { get; init; }

    /// <summary>Null for metric-math alarms (see <see cref="Metrics"/>).</summary>
    public string? MetricName { get; init; }

    public string? Namespace { get; init; }

    /// <summary>Dimension name to resolved value (a <c>!Ref</c> to a function gives its name).</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();

    /// <summary><c>Sum</c>, <c>Average</c>, <c>Minimum</c>, <c>Maximum</c>, <c>SampleCount</c>.</summary>
    public string? Statistic { get; init; }

    /// <summary>A percentile such as <c>p99</c>.</summary>
    public string? ExtendedStatistic { get; init; }

    public int? PeriodSeconds { get; init; }

    public int EvaluationPeriods { get; init; } = 1;

    public int? DatapointsToAlarm { get; init; }

    public double? Threshold { get; init; }

    /// <summary>E.g. <c>GreaterThanOrEqualToThreshold</c>.</summary>
    public required string ComparisonOperator { get; init; }

    /// <summary><c>missing</c> (default), <c>notBreaching</c>, <c>breaching</c>, <c>ignore</c>.</summary>
    public string TreatMissingData { get; init; } = "missing";

    public string? Unit { get; init; }

    public bool ActionsEnabled { get; init; } = true;

    public IReadOnlyList<string> AlarmActions { get; init; } = [];

    public IReadOnlyList<string> OkActions { get; init; } = [];

    public IReadOnlyList<string> InsufficientDataActions { get; init; } = [];

    /// <summary>Metric-math <c>Metrics</c>, kept as data.</summary>
    public JsonElement? Metrics { get; init; }
}

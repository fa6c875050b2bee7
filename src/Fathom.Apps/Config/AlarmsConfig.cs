namespace Fathom.Apps.Config;

/// <summary>The <c>alarms:</c> section: changes to the default alarms every function gets (docs/alarms.md), for every
/// function (<see cref="Defaults"/>) and per function (<see cref="Functions"/>, which wins).</summary>
public sealed record AlarmsConfig
{
    public DefaultAlarmOverrides Defaults { get; init; } = new();

    /// <summary>Function name to its own overrides.</summary>
    public IReadOnlyDictionary<string, DefaultAlarmOverrides> Functions { get; init; } = new Dictionary<string, DefaultAlarmOverrides>(StringComparer.Ordinal);
}

/// <summary>Overrides of each default alarm; null leaves that alarm as it is.</summary>
public sealed record DefaultAlarmOverrides
{
    /// <summary>The keys of <c>fathom.yaml</c>, one per default alarm.</summary>
    public static readonly IReadOnlyList<string> Keys = ["errorRate", "throttles", "duration", "timeouts", "outOfMemory"];

    public AlarmOverride? ErrorRate { get; init; }

    public AlarmOverride? Throttles { get; init; }

    public AlarmOverride? Duration { get; init; }

    public AlarmOverride? Timeouts { get; init; }

    public AlarmOverride? OutOfMemory { get; init; }

    public AlarmOverride? this[string key] => key switch
    {
        "errorRate" => ErrorRate,
        "throttles" => Throttles,
        "duration" => Duration,
        "timeouts" => Timeouts,
        "outOfMemory" => OutOfMemory,
        _ => null,
    };
}

/// <summary>One default alarm's settings as written; null keeps the default.</summary>
public sealed record AlarmOverride
{
    /// <summary><c>false</c> turns the alarm off (<c>errorRate: false</c> is the short form).</summary>
    public bool? Enabled { get; init; }

    /// <summary>A percentage for <c>errorRate</c> and <c>duration</c> (of the function's timeout), a count for the rest.</summary>
    public double? Threshold { get; init; }

    public TimeSpan? Period { get; init; }

    public int? EvaluationPeriods { get; init; }

    public int? DatapointsToAlarm { get; init; }

    /// <summary><c>missing</c>, <c>ignore</c>, <c>breaching</c> or <c>notBreaching</c>.</summary>
    public string? TreatMissingData { get; init; }

    /// <summary><c>errorRate</c> only: fewer invocations in a period make no datapoint.</summary>
    public int? MinimumInvocations { get; init; }

    /// <summary>Where it was written (<c>fathom.yaml:4:7</c>), for messages.</summary>
    public string? Source { get; init; }
}

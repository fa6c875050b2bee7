namespace Fathom.Telemetry.Metrics;

/// <summary>What to read from the metric store: the API's parameters as a type alarms can build directly. Filters left
/// null match everything; by default uptime probes are left out (<see cref="Source"/>).</summary>
public sealed record MetricQuery
{
    /// <summary>The most points one series may have (range ÷ period).</summary>
    public const int MaxPoints = 10_000;

    public string? App { get; init; }

    public string? Environment { get; init; }

    public string? Function { get; init; }

    /// <summary>Only this version (a rollout gate reads the new version alone). ConcurrentExecutions is per version too.</summary>
    public string? Version { get; init; }

    /// <summary>Only calls that came through this alias (or qualifier). Does not apply to ConcurrentExecutions: a
    /// version's environments serve every alias.</summary>
    public string? Alias { get; init; }

    /// <summary>Null: every source but <c>uptime</c> (client traffic); <c>uptime</c>: the platform's probes only;
    /// <c>*</c>: everything; else that source.</summary>
    public string? Source { get; init; }

    /// <summary>Only this route key (route metrics).</summary>
    public string? Route { get; init; }

    /// <summary>A built-in metric name (<see cref="MetricNames"/>) or an EMF metric's name; null: every built-in
    /// function metric.</summary>
    public string? Metric { get; init; }

    /// <summary>The EMF namespace, when <see cref="Metric"/> names an EMF metric.</summary>
    public string? Namespace { get; init; }

    /// <summary>Statistics to return (<c>sum</c>, <c>avg</c>, <c>min</c>, <c>max</c>, <c>count</c>, <c>p50</c>, <c>p99.9</c>
    /// ...); empty: each metric's default.</summary>
    public IReadOnlyList<string> Stats { get; init; } = [];

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>The width of each point: a whole number of seconds.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Also compute each series' statistic over the whole range (percentiles then merge every point's histogram).</summary>
    public bool IncludeTotal { get; init; }
}

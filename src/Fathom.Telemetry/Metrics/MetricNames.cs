namespace Fathom.Telemetry.Metrics;

/// <summary>The metrics the platform records for every function and route (docs/metrics.md lists each with its unit
/// and labels). Names and units follow CloudWatch's, so alarms read the same on Fathom and on AWS.</summary>
public static class MetricNames
{
    public const string Invocations = "Invocations";
    public const string Errors = "Errors";
    public const string Throttles = "Throttles";
    public const string Timeouts = "Timeouts";
    public const string Duration = "Duration";
    public const string ConcurrentExecutions = "ConcurrentExecutions";
    public const string ColdStarts = "ColdStarts";
    public const string InitDuration = "InitDuration";
    public const string MaxMemoryUsed = "MaxMemoryUsed";

    /// <summary>Environments killed for exceeding MemorySize (CloudWatch has no such metric; the default out-of-memory
    /// alarm reads it). Recorded only when it happens.</summary>
    public const string OutOfMemoryKills = "OutOfMemoryKills";

    /// <summary>The gateway's view per route.</summary>
    public const string Requests = "Requests";
    public const string ClientErrors = "4xx";
    public const string ServerErrors = "5xx";
    public const string Latency = "Latency";

    /// <summary>Series kinds: the platform's per-function metrics, the gateway's per-route metrics, EMF metrics.</summary>
    public const string FunctionKind = "function";
    public const string RouteKind = "route";
    public const string EmfKind = "emf";

    /// <summary>Every built-in metric: its kind, unit, the statistic shown when none is asked for, and whether its points
    /// keep a histogram (so percentiles exist).</summary>
    public static readonly IReadOnlyList<BuiltInMetric> BuiltIn =
    [
        new(Invocations, FunctionKind, MetricUnits.Count, "sum", false),
        new(Errors, FunctionKind, MetricUnits.Count, "sum", false),
        new(Throttles, FunctionKind, MetricUnits.Count, "sum", false),
        new(Timeouts, FunctionKind, MetricUnits.Count, "sum", false),
        new(Duration, FunctionKind, MetricUnits.Milliseconds, "p99", true),
        new(ConcurrentExecutions, FunctionKind, MetricUnits.Count, "max", false),
        new(ColdStarts, FunctionKind, MetricUnits.Count, "sum", false),
        new(InitDuration, FunctionKind, MetricUnits.Milliseconds, "avg", true),
        new(MaxMemoryUsed, FunctionKind, MetricUnits.Megabytes, "max", false),
        new(OutOfMemoryKills, FunctionKind, MetricUnits.Count, "sum", false),
        new(Requests, RouteKind, MetricUnits.Count, "sum", false),
        new(ClientErrors, RouteKind, MetricUnits.Count, "sum", false),
        new(ServerErrors, RouteKind, MetricUnits.Count, "sum", false),
        new(Latency, RouteKind, MetricUnits.Milliseconds, "p99", true),
    ];

    public static BuiltInMetric? Find(string name) => BuiltIn.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <param name="Name">The metric's name, e.g. <c>Duration</c>.</param>
/// <param name="Kind"><see cref="MetricNames.FunctionKind"/> or <see cref="MetricNames.RouteKind"/>.</param>
/// <param name="Unit">A CloudWatch unit name.</param>
/// <param name="DefaultStat">What a query without <c>stat</c> returns.</param>
/// <param name="HasHistogram">Whether percentiles exist for it.</param>
public sealed record BuiltInMetric(string Name, string Kind, string Unit, string DefaultStat, bool HasHistogram);

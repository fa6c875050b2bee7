using Fathom.Gateway.Traffic;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;
using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry.Tests.Metrics;

/// <summary>Invocation records, gateway requests and log lines as the ingest hands them to a metric sink.</summary>
internal static class MetricRecords
{
    /// <summary>A minute boundary, so tests can reason about which minute a second falls in.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public static InvocationCompleted Invocation(
        DateTimeOffset end, double durationMs, InvocationOutcome outcome = InvocationOutcome.Success, string function = "orders",
        string version = "1", string? qualifier = "live", string source = "api", double? initMs = null, int memoryMb = 64)
    {
        var duration = TimeSpan.FromMilliseconds(durationMs);
        return new InvocationCompleted
        {
            App = "shop",
            Environment = "local",
            FunctionName = function,
            Version = version,
            Qualifier = qualifier,
            Source = source,
            RequestId = Guid.NewGuid().ToString(),
            Time = end,
            Start = end - duration,
            Duration = duration,
            InitDuration = initMs is { } init ? TimeSpan.FromMilliseconds(init) : null,
            MaxMemoryUsedMb = memoryMb,
            MemorySizeMb = 128,
            Outcome = outcome,
        };
    }

    public static GatewayRequestCompleted Request(DateTimeOffset time, int status, double latencyMs, string source = "api") => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        Time = time,
        App = "shop",
        Environment = "local",
        RouteKey = "GET /orders",
        Method = "GET",
        Status = status,
        Latency = TimeSpan.FromMilliseconds(latencyMs),
        Function = "orders",
        Version = "1",
        Qualifier = "live",
        Source = source,
    };

    public static LogRecord Line(DateTimeOffset time, string text, string function = "orders") => new()
    {
        Time = time,
        App = "shop",
        Environment = "local",
        Function = function,
        Version = "1",
        Qualifier = "live",
        Source = "api",
        Level = Fathom.Telemetry.Logs.LogLevel.Info,
        Message = text,
        Fields = text.StartsWith('{') ? text : null,
        Stream = "stdout",
    };
}

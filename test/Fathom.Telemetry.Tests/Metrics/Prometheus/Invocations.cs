using Fathom.Gateway.Traffic;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;

namespace Fathom.Telemetry.Tests.Metrics.Prometheus;

/// <summary>Runtime and gateway records as the ingest hands them to a metric sink.</summary>
internal static class Invocations
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static InvocationCompleted Of(
        string version = "1", string? alias = "live", InvocationOutcome outcome = InvocationOutcome.Success, double seconds = 0.03,
        double? initSeconds = null, string source = "api", string function = "orders", string app = "shop", int memoryUsedMb = 70) => new()
    {
        App = app,
        Environment = "prod",
        FunctionName = function,
        Version = version,
        Qualifier = alias,
        Source = source,
        RequestId = Guid.NewGuid().ToString(),
        Time = T0,
        Start = T0,
        Duration = TimeSpan.FromSeconds(seconds),
        InitDuration = initSeconds is { } init ? TimeSpan.FromSeconds(init) : null,
        MaxMemoryUsedMb = memoryUsedMb,
        MemorySizeMb = 128,
        Outcome = outcome,
    };

    public static GatewayRequestCompleted Request(string? route = "GET /orders", int status = 200, string source = "api", double seconds = 0.04, string app = "shop") => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        Time = T0,
        App = app,
        Environment = "prod",
        RouteKey = route,
        Method = "GET",
        Status = status,
        Latency = TimeSpan.FromSeconds(seconds),
        Source = source,
    };
}

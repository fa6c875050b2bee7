using Fathom.Telemetry.Logs.Forwarding;

namespace Fathom.Telemetry.Tests.Forwarding;

internal static class FastOptions
{
    /// <summary>The production shape with short times, so retries and batching happen within a test's patience.</summary>
    public static LogForwarderOptions Create(int queueCapacity = 10_000) => new()
    {
        QueueCapacity = queueCapacity,
        MaxBatchSize = 64,
        MaxBatchDelay = TimeSpan.FromMilliseconds(20),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        SendTimeout = TimeSpan.FromSeconds(5),
        StopGrace = TimeSpan.FromSeconds(2),
    };
}

namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>How forwarders queue, batch and retry. The defaults suit production; tests shorten the times.</summary>
public sealed record LogForwarderOptions
{
    /// <summary>Records one forwarder holds before it drops new ones (<see cref="LogDropReason.QueueFull"/>).</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Most records sent in one request or write.</summary>
    public int MaxBatchSize { get; init; } = 512;

    /// <summary>Longest a record waits for others to fill its batch.</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The first retry's delay; each failure doubles it (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request or connection attempt may take before it counts as failed.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="LogForwarding.StopAsync"/> waits for queued records by default.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    public static LogForwarderOptions Default { get; } = new();
}

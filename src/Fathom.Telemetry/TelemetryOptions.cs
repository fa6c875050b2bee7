using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry;

/// <summary>Server-level telemetry settings (not the app's to decide: DESIGN.md "Settings").</summary>
public sealed class TelemetryOptions
{
    /// <summary>Where <c>logs.db</c> lives: the server's data directory.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Retention of the log store (defaults: 7 days, 1 GB).</summary>
    public LogRetentionOptions Retention { get; set; } = new();

    /// <summary>How often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events the ingest path holds from the runtime and the gateway before it drops (and counts).</summary>
    public int IngestQueueLength { get; set; } = 50_000;

    /// <summary>Error events waiting for the error tracker's writer before it drops (and counts).</summary>
    public int ErrorQueueLength { get; set; } = 10_000;

    /// <summary>Records waiting for the store before it drops (and counts).</summary>
    public int StoreQueueLength { get; set; } = 100_000;
}

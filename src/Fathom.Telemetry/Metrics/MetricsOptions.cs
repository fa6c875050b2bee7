namespace Fathom.Telemetry.Metrics;

/// <summary>Server-level metric settings.</summary>
public sealed class MetricsOptions
{
    /// <summary>Where <c>metrics.db</c> lives: the server's data directory.</summary>
    public string DataDirectory { get; set; } = "";

    public MetricRetentionOptions Retention { get; set; } = new();

    /// <summary>Whether the recorder is fed by the ingest. Off only to measure what metrics cost (the API still answers
    /// from what is stored).</summary>
    public bool Record { get; set; } = true;

    /// <summary>How often closed seconds are written. With <see cref="Lag"/> this bounds what a kill -9 loses.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a second stays open after it ends, for records still on their way through the ingest.</summary>
    public TimeSpan Lag { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Records waiting for the recorder before it drops (and counts).</summary>
    public int QueueLength { get; set; } = 100_000;
}

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>Settings of the Prometheus exposition (server-level).</summary>
public sealed class PrometheusOptions
{
    /// <summary>The scrape path on the admin port.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>How long a version that is not live keeps its series after it last served an invocation.</summary>
    public TimeSpan ServedWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Where the stores live (<c>fathom_store_bytes</c> sizes every <c>*.db</c> there); null leaves sizes out.</summary>
    public string? DataDirectory { get; set; }
}

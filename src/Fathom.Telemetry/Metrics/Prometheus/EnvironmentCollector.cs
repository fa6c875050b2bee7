namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary><c>fathom_environments</c>: execution environments per function version, from the host's runtime.</summary>
internal sealed class EnvironmentCollector(IEnvironmentCounts counts) : IPrometheusCollector
{
    public void Collect(PrometheusTextWriter writer)
    {
        writer.Family("fathom_environments", "gauge", "Execution environments running (busy or idle) per function version.");
        foreach (var count in counts.Current()
            .OrderBy(c => c.App, StringComparer.Ordinal).ThenBy(c => c.Environment, StringComparer.Ordinal)
            .ThenBy(c => c.Function, StringComparer.Ordinal).ThenBy(c => c.Version.Length).ThenBy(c => c.Version, StringComparer.Ordinal))
        {
            writer.Sample([("app", count.App), ("environment", count.Environment), ("function", count.Function), ("version", count.Version)], count.Count);
        }
    }
}

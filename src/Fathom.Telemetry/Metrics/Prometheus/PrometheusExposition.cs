namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>One scrape: every collector's families, in a fixed order, as one text exposition.</summary>
internal sealed class PrometheusExposition(IReadOnlyList<IPrometheusCollector> collectors)
{
    public string Render()
    {
        var writer = new PrometheusTextWriter();
        foreach (var collector in collectors)
        {
            collector.Collect(writer);
        }

        return writer.ToString();
    }
}

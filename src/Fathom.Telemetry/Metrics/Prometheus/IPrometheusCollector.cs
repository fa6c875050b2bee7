namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>Writes some metric families into one scrape. Each family belongs to exactly one collector, so no family is
/// written twice.</summary>
internal interface IPrometheusCollector
{
    void Collect(PrometheusTextWriter writer);
}

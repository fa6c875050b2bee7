using Fathom.Telemetry.Logs.Forwarding;

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>Log forwarding per destination (<c>fathom.yaml</c> <c>logs.forward</c>): delivered, dropped by reason, pending.
/// The destination label is the one <c>/fathom/v1/logs/stats</c> shows (<c>otlp URL</c>, <c>syslog host:port</c>).</summary>
internal sealed class ForwardingCollector(LogForwarding forwarding) : IPrometheusCollector
{
    public void Collect(PrometheusTextWriter writer)
    {
        var stats = forwarding.GetStats();
        writer.Family("fathom_log_forwarding_delivered_total", "counter", "Log records a forwarding destination acknowledged.");
        foreach (var destination in stats)
        {
            writer.Sample([("destination", destination.Destination)], destination.Delivered);
        }

        writer.Family("fathom_log_forwarding_dropped_total", "counter", "Log records a forwarding destination lost, by reason.");
        foreach (var destination in stats)
        {
            foreach (var (reason, count) in destination.DroppedByReason.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.Sample([("destination", destination.Destination), ("reason", reason)], count);
            }
        }

        writer.Family("fathom_log_forwarding_pending", "gauge", "Log records queued or being sent to a forwarding destination.");
        foreach (var destination in stats)
        {
            writer.Sample([("destination", destination.Destination)], destination.Pending);
        }
    }
}

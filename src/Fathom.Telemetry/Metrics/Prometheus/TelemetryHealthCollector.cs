using Fathom.Telemetry.Errors;
using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>What the telemetry pipeline lost and how full its queues are: a drop is never silent, and a queue that
/// stays near its capacity warns before drops begin.</summary>
internal sealed class TelemetryHealthCollector(
    TelemetryDrops drops, TelemetryIngest ingest, LogBatchWriter logWriter, ErrorTracker errors, TelemetryOptions options) : IPrometheusCollector
{
    /// <summary>The reason given to error events the tracker's full queue refused.</summary>
    public const string ErrorQueueFull = "error_queue_full";

    public void Collect(PrometheusTextWriter writer)
    {
        writer.Family("fathom_telemetry_dropped_total", "counter",
            "Telemetry records lost, by function (empty when not known) and reason, so a drop is never silent.");
        foreach (var drop in drops.Snapshot())
        {
            writer.Sample([("function", drop.Function), ("reason", drop.Reason)], drop.Count);
        }

        writer.Sample([("function", ""), ("reason", ErrorQueueFull)], errors.Dropped);

        (string Queue, int Depth, int Capacity)[] queues =
        [
            ("ingest_runtime", ingest.RuntimeQueueDepth, options.IngestQueueLength),
            ("ingest_gateway", ingest.GatewayQueueDepth, options.IngestQueueLength),
            ("log_writer", logWriter.Pending, options.StoreQueueLength),
            ("error_tracker", errors.Pending, options.ErrorQueueLength),
        ];
        writer.Family("fathom_telemetry_queue_depth", "gauge", "Records waiting in a telemetry queue now.");
        foreach (var (queue, depth, _) in queues)
        {
            writer.Sample([("queue", queue)], depth);
        }

        writer.Family("fathom_telemetry_queue_capacity", "gauge", "The records a telemetry queue holds before it drops (and counts).");
        foreach (var (queue, _, capacity) in queues)
        {
            writer.Sample([("queue", queue)], capacity);
        }
    }
}

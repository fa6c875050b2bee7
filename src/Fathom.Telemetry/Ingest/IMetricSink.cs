using Fathom.Gateway.Traffic;
using Fathom.Runtime.Events;
using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry.Ingest;

/// <summary>A consumer of the ingest's measurements (the metric store's recorder, the Prometheus exposition). Called on
/// the ingest's own loops, one call at a time per method: an implementation must return at once (queue or aggregate in
/// memory), never wait on I/O, and count what it drops in <see cref="TelemetryDrops"/>.</summary>
public interface IMetricSink
{
    /// <summary>One invocation record, every outcome (throttles included), as the runtime published it.</summary>
    void OfferInvocation(InvocationCompleted invocation);

    /// <summary>One app request as the gateway answered it.</summary>
    void OfferRequest(GatewayRequestCompleted request);

    /// <summary>One function output record after redaction (not START/END/REPORT): where EMF lines are found.</summary>
    void OfferLine(LogRecord line);
}

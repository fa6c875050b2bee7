namespace Fathom.Telemetry.Errors;

/// <summary>Where error events go (the error tracker). Returns at once: false when the event was dropped (queue full,
/// counted), so an ingest endpoint can answer 429.</summary>
public interface IErrorSink
{
    bool Offer(ErrorEvent errorEvent);
}

using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry.Ingest;

/// <summary>Where the ingest path hands each redacted log record: the store's writer, each forwarder. An
/// implementation must return at once (queue or drop and count), never wait.</summary>
public interface ILogSink
{
    void Offer(LogRecord record);
}

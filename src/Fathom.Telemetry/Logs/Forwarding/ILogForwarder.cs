namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>Sends copies of log records to one destination from a bounded queue of its own, so a slow or absent
/// destination costs the caller nothing but the records it drops (and counts).</summary>
public interface ILogForwarder : IAsyncDisposable
{
    /// <summary>The destination, for people: <c>otlp http://127.0.0.1:4318/v1/logs</c>, <c>syslog 127.0.0.1:6514 (tls)</c>.</summary>
    string Destination { get; }

    /// <summary>Queues <paramref name="record"/> for sending. Never blocks and never throws: false means the record was
    /// dropped (queue full, or the forwarder stopped) and counted.</summary>
    bool TryEnqueue(LogRecord record);

    /// <summary>A snapshot of the counters; <c>Accepted = Delivered + Dropped + Pending</c> holds in every snapshot.</summary>
    LogForwarderStats GetStats();

    /// <summary>Stops taking records and sends what is queued until <paramref name="grace"/> has passed; what is still
    /// unsent then is dropped as <see cref="LogDropReason.Shutdown"/>.</summary>
    Task StopAsync(TimeSpan grace);
}

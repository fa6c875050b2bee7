using Fathom.Telemetry.Ingest;
using Microsoft.Extensions.Hosting;

namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>Puts the app's <c>logs.forward</c> destinations on the ingest path and, at shutdown, gives them their
/// grace period to deliver what they hold (what they cannot is counted as <c>shutdown</c>).</summary>
public sealed class LogForwardingService(LogForwarding forwarding) : IHostedService, ILogSink
{
    public LogForwarding Forwarding => forwarding;

    public void Offer(LogRecord record) => forwarding.Enqueue(record);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => forwarding.StopAsync();
}

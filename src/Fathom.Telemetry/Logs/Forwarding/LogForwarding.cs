using Fathom.Apps.Config;
using Fathom.Telemetry.Logs.Forwarding.Otlp;
using Fathom.Telemetry.Logs.Forwarding.Syslog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>
/// The forwarders of one app's <c>logs.forward</c>, each with its own queue, and the fan-out the ingest calls with
/// every redacted record. A destination that is down or slow fills its own queue only; the others carry on.
/// </summary>
public sealed class LogForwarding : IAsyncDisposable
{
    private readonly IReadOnlyList<ILogForwarder> _forwarders;
    private readonly LogForwarderOptions _options;

    /// <summary>Builds one forwarder per entry of <paramref name="config"/>; with none, <see cref="Enqueue"/> does nothing.</summary>
    public LogForwarding(LogsConfig config, LogForwarderOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? LogForwarderOptions.Default;
        var time = timeProvider ?? TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LogForwarding>();
        _forwarders = config.Forward
            .Select(entry => (ILogForwarder)new LogForwarder(CreateDestination(entry, time), _options, time, logger))
            .ToArray();
    }

    /// <summary>The forwarders, in the order of <c>logs.forward</c>.</summary>
    public IReadOnlyList<ILogForwarder> Forwarders => _forwarders;

    /// <summary>Hands <paramref name="record"/> (already redacted) to every forwarder. Never blocks, never throws; a
    /// forwarder whose queue is full drops and counts. False when any forwarder dropped it.</summary>
    public bool Enqueue(LogRecord record)
    {
        var all = true;
        foreach (var forwarder in _forwarders)
        {
            all &= forwarder.TryEnqueue(record);
        }

        return all;
    }

    /// <summary>Every forwarder's counters, in the order of <c>logs.forward</c> (for <c>fathom logs --stats</c>).</summary>
    public IReadOnlyList<LogForwarderStats> GetStats() => _forwarders.Select(f => f.GetStats()).ToArray();

    /// <summary>Stops every forwarder at once, each sending what it holds until <paramref name="grace"/> (default
    /// <see cref="LogForwarderOptions.StopGrace"/>) has passed and dropping the rest as <c>shutdown</c>.</summary>
    public Task StopAsync(TimeSpan? grace = null) => Task.WhenAll(_forwarders.Select(f => f.StopAsync(grace ?? _options.StopGrace)));

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var forwarder in _forwarders)
        {
            await forwarder.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ILogDestination CreateDestination(LogForwardConfig entry, TimeProvider time) => entry switch
    {
        OtlpForwardConfig otlp => new OtlpDestination(otlp, time),
        SyslogForwardConfig syslog => new SyslogDestination(syslog, SyslogHost.Name()),
        _ => throw new NotSupportedException($"no forwarder for {entry.GetType().Name}"),
    };
}

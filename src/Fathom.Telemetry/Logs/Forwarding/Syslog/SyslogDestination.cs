using System.Buffers;
using System.Net.Sockets;
using System.Security.Authentication;
using Fathom.Apps.Config;

namespace Fathom.Telemetry.Logs.Forwarding.Syslog;

/// <summary>
/// Syslog over TCP (optionally TLS): a batch is written as consecutive framed messages on one connection, opened on
/// first use and again after any failure. Delivery is at-least-once for failures the socket reports: a batch whose write
/// fails is sent whole again on a new connection, so messages the server had already read arrive twice. Syslog has no
/// acknowledgements, so what the kernel accepted just before the server went away unnoticed can still be lost; checking
/// that the server has not closed the connection before each write narrows that to a crash mid-batch.
/// </summary>
internal sealed class SyslogDestination : ILogDestination
{
    private readonly SyslogForwardConfig _config;
    private readonly string _hostname;
    private SyslogConnection? _connection;

    public SyslogDestination(SyslogForwardConfig config, string hostname)
    {
        _config = config;
        _hostname = hostname;
        var host = config.Host.Contains(':', StringComparison.Ordinal) ? $"[{config.Host}]" : config.Host;
        Description = $"syslog {host}:{config.Port}{(config.Tls ? " (tls)" : "")}";
    }

    public string Description { get; }

    public async Task<DeliveryResult> SendAsync(IReadOnlyList<LogRecord> batch, CancellationToken cancellationToken)
    {
        var frames = new ArrayBufferWriter<byte>(batch.Count * 256);
        foreach (var record in batch)
        {
            Rfc5424Formatter.WriteFramed(frames, record, _config.Facility, _hostname);
        }

        try
        {
            if (_connection is not { IsOpen: true })
            {
                await CloseAsync().ConfigureAwait(false);
                _connection = await SyslogConnection.OpenAsync(_config, cancellationToken).ConfigureAwait(false);
            }

            await _connection.Stream.WriteAsync(frames.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await _connection.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (Exception e) when (e is IOException or SocketException or AuthenticationException or System.Security.Cryptography.CryptographicException)
        {
            await CloseAsync().ConfigureAwait(false);
            return DeliveryResult.Retry(e.Message);
        }
        catch (OperationCanceledException)
        {
            // A write cut short leaves a partial frame on the connection; the next batch must start on a new one.
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private async ValueTask CloseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Fathom.Apps.Config;

namespace Fathom.Telemetry.Logs.Forwarding.Syslog;

/// <summary>One TCP connection to a syslog server, optionally inside TLS that checks the server's certificate (against
/// the system's roots, or only the configured <c>ca</c>) and its name.</summary>
internal sealed class SyslogConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly Task _drain;
    private volatile bool _closed;

    private SyslogConnection(TcpClient client, Stream stream)
    {
        _client = client;
        Stream = stream;
        _drain = DrainAsync();
    }

    public Stream Stream { get; }

    /// <summary>False once the server has closed the connection. A syslog server never sends data, so the only reads
    /// are TLS's own records (session tickets, the close alert) and the end of the stream: a background read takes
    /// them, and notices the close before the next batch would be written into a dead connection and lost.</summary>
    public bool IsOpen => !_closed && _client.Connected;

    public static async Task<SyslogConnection> OpenAsync(SyslogForwardConfig config, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(config.Host, config.Port, cancellationToken).ConfigureAwait(false);
            Stream stream = client.GetStream();
            if (config.Tls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(TlsOptions(config), cancellationToken).ConfigureAwait(false);
            }

            return new SyslogConnection(client, stream);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Closing a connection that already failed may fail again; there is nothing left to save.
        }

        _client.Dispose();
        await _drain.ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[512];
        try
        {
            while (await Stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
                // Nothing a syslog server sends is meaningful to the client.
            }
        }
        catch (Exception)
        {
            // A reset or our own close: either way the connection is done.
        }

        _closed = true;
    }

    private static SslClientAuthenticationOptions TlsOptions(SyslogForwardConfig config)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = config.Host };
        if (config.CaFile is { } caFile)
        {
            // Only the configured roots are trusted; the name is still checked, by the default validation.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caFile);
            policy.CustomTrustStore.AddRange(roots);
            options.CertificateChainPolicy = policy;
        }

        return options;
    }
}

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

    private SyslogConnection(TcpClient client, Stream stream)
    {
        _client = client;
        Stream = stream;
    }

    public Stream Stream { get; }

    /// <summary>False once the server has closed the connection. A syslog server never writes, so a socket that turns
    /// readable has reached its end (or, with TLS, got a close alert): writing into it would succeed locally and be lost.</summary>
    public bool IsOpen
    {
        get
        {
            try
            {
                return _client.Connected && !_client.Client.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

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

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fathom.Apps.Config;
using Fathom.Telemetry.Logs.Forwarding;

namespace Fathom.Telemetry.Tests.Forwarding;

/// <summary>Syslog server outages, played by a TCP listener in the test that reads octet-counted frames itself
/// (an independent check of the framing), since the shared rsyslogd must stay up for the other tests.</summary>
public sealed class SyslogReconnectTests
{
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Reads RFC 6587 octet-counted frames (<c>LEN SP MSG</c>) until the peer closes or <paramref name="count"/> arrive.</summary>
    private static async Task<List<string>> ReadFramesAsync(Socket socket, int count)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        return await ReadFramesAsync(stream, count);
    }

    private static async Task<List<string>> ReadFramesAsync(Stream stream, int count)
    {
        var frames = new List<string>();
        var reader = new BufferedStream(stream);
        while (frames.Count < count)
        {
            var length = 0;
            int b;
            while ((b = reader.ReadByte()) is >= '0' and <= '9')
            {
                length = (length * 10) + (b - '0');
            }

            if (b == -1)
            {
                break;
            }

            b.Should().Be(' ');
            var message = new byte[length];
            await reader.ReadExactlyAsync(message, TestContext.Current.CancellationToken);
            frames.Add(Encoding.UTF8.GetString(message));
        }

        return frames;
    }

    [Fact]
    public async Task Outage_ServerDownThenUpThenClosing_ReconnectsAndDeliversEveryRecord()
    {
        var port = FreePort();
        await using var forwarding = new LogForwarding(new LogsConfig { Forward = [new SyslogForwardConfig { Host = "127.0.0.1", Port = port }] }, FastOptions.Create());

        // Down: nothing listens, connections are refused and the records wait.
        for (var i = 0; i < 50; i++)
        {
            forwarding.Enqueue(TestRecords.Line($"first {i}"));
        }

        await Eventually.WaitAsync(() => forwarding.GetStats()[0].LastError is not null, "a refused connection");
        forwarding.GetStats()[0].Pending.Should().Be(50);

        // Up: the queue drains over a new connection, which the server then closes.
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        using (var first = await listener.AcceptSocketAsync(TestContext.Current.CancellationToken))
        {
            var frames = await ReadFramesAsync(first, 50);
            frames.Select(f => f[(f.IndexOf('\uFEFF', StringComparison.Ordinal) + 1)..]).Should().Equal(Enumerable.Range(0, 50).Select(i => $"first {i}"));
            frames.Should().AllSatisfy(f => f.Should().StartWith("<14>1 2026-12-07T14:30:15.123123Z "));
            await Eventually.WaitAsync(() => forwarding.GetStats()[0].Delivered == 50, "the first records to count as delivered");
            first.Shutdown(SocketShutdown.Both);
        }

        // The forwarder notices the closed connection before writing and opens a new one.
        forwarding.Enqueue(TestRecords.Line("after close"));
        using var second = await listener.AcceptSocketAsync(TestContext.Current.CancellationToken);
        var after = await ReadFramesAsync(second, 1);

        after.Single().Should().EndWith("\uFEFFafter close");
        await Eventually.WaitAsync(() => forwarding.GetStats()[0].Pending == 0, "the last record to settle");
        var stats = forwarding.GetStats()[0];
        (stats.Accepted, stats.Delivered, stats.Dropped, stats.LastError).Should().Be((51, 51, 0, null));
    }

    [Fact]
    public async Task Tls_ManyBatches_ShareOneConnection()
    {
        using var temp = new TempDirectory();
        var certificates = TestCertificates.Create(temp.Path);
        using var certificate = X509Certificate2.CreateFromPemFile(certificates.ServerCertFile, certificates.ServerKeyFile);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = FastOptions.Create() with { MaxBatchSize = 10 };
        await using var forwarding = new LogForwarding(
            new LogsConfig { Forward = [new SyslogForwardConfig { Host = "127.0.0.1", Port = port, Tls = true, CaFile = certificates.CaFile }] }, options);

        for (var i = 0; i < 100; i++)
        {
            forwarding.Enqueue(TestRecords.Line($"tls {i}"));
        }

        using var socket = await listener.AcceptSocketAsync(TestContext.Current.CancellationToken);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, TestContext.Current.CancellationToken);
        var frames = await ReadFramesAsync(tls, 100);
        await Eventually.WaitAsync(() => forwarding.GetStats()[0].Pending == 0, "every batch to settle");

        // TLS 1.3 servers send session tickets after the handshake; they must not be taken for the server closing.
        frames.Should().HaveCount(100);
        listener.Pending().Should().BeFalse("ten batches went over the one connection");
        forwarding.GetStats()[0].Delivered.Should().Be(100);
    }
}

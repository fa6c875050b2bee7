using System.Net;
using System.Net.Sockets;
using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Tests.Isolation;

public sealed class NetworkNamespaceTests
{
    [Fact]
    public async Task CreateListener_FromHostLoopback_IsNotReachable()
    {
        Assert.SkipUnless(SandboxCapabilities.Current.NetworkNamespaces, "cannot enter network namespaces (needs CAP_SYS_ADMIN)");
        var port = FreeHostPort();
        using var ns = NetworkNamespace.Create();
        using var listener = ns.CreateListener(port);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var connect = async () => await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);

        (await connect.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
    }

    [Fact]
    public async Task Path_JoinedByNsenter_ShowsOnlyLoopbackUp()
    {
        Assert.SkipUnless(SandboxCapabilities.Current.NetworkNamespaces, "cannot enter network namespaces (needs CAP_SYS_ADMIN)");
        using var ns = NetworkNamespace.Create();

        using var process = await TestProcess.RunAsync(["nsenter", $"--net={ns.Path}", "--", "cat", "/sys/class/net/lo/operstate", "/proc/net/dev"]);

        process.Process.ExitCode.Should().Be(0, process.Stderr);
        var lines = process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("unknown", "lo reports 'unknown' when up and 'down' otherwise");
        lines.Skip(3).Select(l => l.Split(':')[0].Trim()).Should().Equal("lo");
    }

    private static int FreeHostPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

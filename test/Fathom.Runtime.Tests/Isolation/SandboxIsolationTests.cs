using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Isolation;

/// Real sandboxes (bwrap + network namespace) probed from inside with node.
public sealed class SandboxIsolationTests : IDisposable
{
    private const string PlatformSecret = "FATHOM_PLATFORM_SECRET";
    private readonly TestDirectories _dirs = new();
    private readonly string _dataDir;
    private readonly string _otherCode;
    private readonly string _code;
    private readonly string _etc;

    public SandboxIsolationTests()
    {
        _dataDir = _dirs.Create("data");
        File.WriteAllText(Path.Combine(_dataDir, "fathom.db"), "secret rows");
        _otherCode = _dirs.Create("other-function");
        File.WriteAllText(Path.Combine(_otherCode, "index.js"), "exports.handler = async () => 'other';");
        _code = _dirs.Create("code");
        File.Copy(Path.Combine(TestDirectories.Assets, "probe.js"), Path.Combine(_code, "probe.js"));
        _etc = SandboxEtc.Ensure(_dirs.Create("sandbox"), 993, outbound: false);
        Environment.SetEnvironmentVariable(PlatformSecret, "platform-only");
    }

    public void Dispose() => _dirs.Dispose();

    [Fact]
    public async Task Namespace_ProbeFromInside_ReachesOnlyItsOwnRuntimeApi()
    {
        if (await RequireSandboxAsync(needNamespaces: true) is not { } caps)
        {
            return;
        }

        using var admin = new TcpListener(IPAddress.Loopback, 0);
        admin.Start();
        var adminPort = ((IPEndPoint)admin.LocalEndpoint).Port;
        using var ownNs = NetworkNamespace.Create();
        using var otherNs = NetworkNamespace.Create();
        await using var own = new SocketResponder(ownNs.CreateListener(), "env-A");
        await using var other = new SocketResponder(otherNs.CreateListener(), "env-B");
        var spec = Spec(SandboxNetworkMode.Namespace, adminPort) with { NetworkNamespacePath = ownNs.Path };

        using var probe = await TestProcess.RunAsync(spec.BuildArgv());

        var result = Parse(probe);
        result.GetProperty("runtimeApi").GetString().Should().Be("env-A");
        other.Connections.Should().Be(0, "another environment's Runtime API must not be reachable");
        result.GetProperty("admin").GetString().Should().Be("ECONNREFUSED");
        result.GetProperty("interfaces").EnumerateArray().Select(e => e.GetString()).Should().Equal("lo");
        AssertFileSystemAndEnvironment(result, caps);
    }

    [Fact]
    public async Task UnixRelay_ProbeFromInside_ReachesOnlyItsOwnRuntimeApi()
    {
        if (await RequireSandboxAsync(needNamespaces: false) is not { } caps)
        {
            return;
        }

        Assert.SkipWhen(caps.SocatPath is null, "socat is not installed");
        using var admin = new TcpListener(IPAddress.Loopback, 0);
        admin.Start();
        var adminPort = ((IPEndPoint)admin.LocalEndpoint).Port;
        var relay = _dirs.Create("relay");
        await using var own = new SocketResponder(UnixSocketRelay.CreateListener(relay), "env-relay");
        var spec = Spec(SandboxNetworkMode.UnixRelay, adminPort) with { RelayDirectory = relay };

        using var probe = await TestProcess.RunAsync(spec.BuildArgv());

        var result = Parse(probe);
        result.GetProperty("runtimeApi").GetString().Should().Be("env-relay");
        result.GetProperty("admin").GetString().Should().Be("ECONNREFUSED");
        AssertFileSystemAndEnvironment(result, caps);
    }

    [Fact]
    public async Task HostUid_BwrapUnprivileged_StillIsolatesAndServesRuntimeApi()
    {
        if (await RequireSandboxAsync(needNamespaces: true) is not { } caps)
        {
            return;
        }

        Assert.SkipUnless(Libc.geteuid() == 0, "switching the host uid needs root");
        using var ns = NetworkNamespace.Create();
        await using var own = new SocketResponder(ns.CreateListener(), "env-nobody");
        var spec = Spec(SandboxNetworkMode.Namespace, 1) with { NetworkNamespacePath = ns.Path, HostUid = 65534 };

        using var probe = await TestProcess.RunAsync(spec.BuildArgv());

        var result = Parse(probe);
        result.GetProperty("runtimeApi").GetString().Should().Be("env-nobody");
        AssertFileSystemAndEnvironment(result, caps);
    }

    [Fact]
    public async Task Outbound_Slirp_ReachesHostAddressButNotHostLoopback()
    {
        if (await RequireSandboxAsync(needNamespaces: true) is not { } caps)
        {
            return;
        }

        Assert.SkipWhen(caps.SlirpPath is null, "slirp4netns is not installed");
        var hostAddress = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        Assert.SkipWhen(hostAddress is null, "the host has no non-loopback IPv4 address to stand in for the internet");
        using var service = new TcpListener(IPAddress.Any, 0);
        service.Start();
        var port = ((IPEndPoint)service.LocalEndpoint).Port;
        using var ns = NetworkNamespace.Create();
        await using var api = new SocketResponder(ns.CreateListener(), "env-net");
        await using var outbound = await OutboundNetwork.StartAsync(ns.Path, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var spec = Spec(SandboxNetworkMode.Namespace, port) with
        {
            NetworkNamespacePath = ns.Path,
            Outbound = true,
            EtcDirectory = SandboxEtc.Ensure(Path.Combine(_dirs.Root, "sandbox"), 993, outbound: true),
            Command = ["node", "/var/task/probe.js", _dataDir, _otherCode, port.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{hostAddress}:{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        };

        using var probe = await TestProcess.RunAsync(spec.BuildArgv());

        var result = Parse(probe);
        result.GetProperty("outbound").GetString().Should().Be("connected");
        result.GetProperty("hostLoopbackViaGateway").GetString().Should().NotBe("connected");
        result.GetProperty("admin").GetString().Should().Be("ECONNREFUSED");
        result.GetProperty("runtimeApi").GetString().Should().Be("env-net");
    }

    /// <summary>The capabilities, or null once the fallback of a machine without bubblewrap is asserted.</summary>
    private static async Task<SandboxCapabilities?> RequireSandboxAsync(bool needNamespaces)
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox))
        {
            return null;
        }

        var caps = SandboxCapabilities.Current;
        Assert.SkipWhen(needNamespaces && !caps.NetworkNamespaces, "cannot enter network namespaces (needs CAP_SYS_ADMIN)");
        return caps;
    }

    private static JsonElement Parse(TestProcess probe)
    {
        probe.Process.ExitCode.Should().Be(0, "the probe should run; stderr: " + probe.Stderr);
        return JsonDocument.Parse(probe.Stdout.Trim()).RootElement;
    }

    private static void AssertFileSystemAndEnvironment(JsonElement result, SandboxCapabilities caps)
    {
        _ = caps;
        result.GetProperty("readData").GetString().Should().Be("ENOENT");
        result.GetProperty("readOtherCode").GetString().Should().Be("ENOENT");
        result.GetProperty("platformEnv").ValueKind.Should().Be(JsonValueKind.Null);
        result.GetProperty("envKeys").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo("PATH", "PWD", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT");
        result.GetProperty("writeCode").GetString().Should().Be("EROFS");
        result.GetProperty("writeTmp").GetString().Should().Be("ok");
        result.GetProperty("user").GetString().Should().Be("ok");
        result.GetProperty("userName").GetString().Should().Be("sbx_user");
        result.GetProperty("uid").GetInt32().Should().Be(993);
    }

    private SandboxSpec Spec(SandboxNetworkMode mode, int adminPort) => new()
    {
        Command = ["node", "/var/task/probe.js", _dataDir, _otherCode, adminPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        CodeDirectory = _code,
        EtcDirectory = _etc,
        NetworkMode = mode,
        Environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001",
            ["LAMBDA_TASK_ROOT"] = SandboxSpec.TaskRoot,
            ["PATH"] = "/usr/bin:/bin",
        },
    };
}

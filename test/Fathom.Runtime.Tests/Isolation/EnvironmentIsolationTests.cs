using Fathom.Runtime.Isolation;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Isolation;

/// The one-call API the launcher uses, with real sandboxes, cgroups and the RSS fallback.
public sealed class EnvironmentIsolationTests : IDisposable
{
    private const string Hog = "const a = []; for (;;) a.push(Buffer.alloc(16 * 1024 * 1024, 1));";
    private readonly TestDirectories _dirs = new();
    private readonly List<SandboxHost> _hosts = [];
    private readonly CgroupController _cgroups = CgroupController.Detect(parentName: "fathom-test-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        _cgroups.SweepAsync(TimeProvider.System).GetAwaiter().GetResult();
        _cgroups.RemoveParent();
        _hosts.ForEach(h => h.Dispose());
        _dirs.Dispose();
    }

    [Fact]
    public async Task PrepareAsync_SandboxWithCgroup_ReportsOutOfMemoryAndCleansUp()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox, IsolationDefence.MemoryLimit))
        {
            return;
        }

        var caps = SandboxCapabilities.Probe(_cgroups);
        var isolation = await Prepare(caps, ["node", "-e", Hog], 96);

        using var process = TestProcess.Start(isolation.Argv);
        isolation.Started(process.Process.Id);
        await process.WaitAsync();

        process.Process.ExitCode.Should().NotBe(0);
        isolation.ReadOutOfMemoryKills().Should().BeGreaterThanOrEqualTo(1);
        isolation.ReadPeakBytes().Should().BeGreaterThan(64L * 1024 * 1024);
        isolation.ReadMaxMemoryUsedMb().Should().BeInRange(65, 96);
        isolation.Listener.Should().NotBeNull();
        await isolation.DisposeAsync();
        Directory.EnumerateDirectories(_cgroups.ParentPath!).Should().BeEmpty("the environment's group is removed");
    }

    [Fact]
    public async Task PrepareAsync_ForkBombInSandbox_IsContainedAndReported()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox, IsolationDefence.PidsLimit))
        {
            return;
        }

        var caps = SandboxCapabilities.Probe(_cgroups);
        await using var isolation = await EnvironmentIsolation.PrepareAsync(
            Request(["sh", "-c", "i=0; while [ $i -lt 400 ]; do sleep 30 </dev/null >/dev/null 2>&1 & i=$((i+1)); done; exit 0"], 256),
            Host(new SandboxOptions { OutboundNetwork = false, PidsLimit = 32 }, caps, "state-bomb"), TimeProvider.System, TestContext.Current.CancellationToken);

        using var process = TestProcess.Start(isolation.Argv);
        isolation.Started(process.Process.Id);
        await process.WaitAsync();

        isolation.ReadPidsLimitHits().Should().BeGreaterThan(0);
        process.Stderr.Should().Contain("fork");
    }

    [Fact]
    public async Task PrepareAsync_NoWritableCgroup_RssFallbackKillsSandboxedHog()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox))
        {
            return;
        }

        var caps = SandboxCapabilities.Probe(CgroupController.Detect(_dirs.Create("no-cgroups"), "fathom"));
        await using var isolation = await Prepare(caps, ["node", "-e", Hog], 128);

        using var process = TestProcess.Start(isolation.Argv);
        isolation.Started(process.Process.Id);
        await process.WaitAsync();

        isolation.HasCgroup.Should().BeFalse();
        process.Process.ExitCode.Should().Be(137);
        isolation.ReadOutOfMemoryKills().Should().Be(1);
        isolation.ReadPeakBytes().Should().BeGreaterThan(128L * 1024 * 1024);
    }

    [Fact]
    public async Task PrepareAsync_SandboxDisabled_RunsPlainCommandWithHeapFlags()
    {
        var caps = SandboxCapabilities.Probe(CgroupController.Detect(_dirs.Create("no-cgroups"), "fathom"));
        var options = new SandboxOptions { Enabled = false };
        var request = Request(["node", "-e", "console.log(process.env.NODE_OPTIONS)"], 128);

        await using var isolation = await EnvironmentIsolation.PrepareAsync(request, Host(options, caps, "state"), TimeProvider.System, TestContext.Current.CancellationToken);

        isolation.Sandboxed.Should().BeFalse();
        isolation.Listener.Should().BeNull();
        isolation.Argv.Should().Equal(request.Command);
        isolation.Environment["NODE_OPTIONS"].Should().Be("--max-semi-space-size=6 --max-old-space-size=116");
    }

    private async Task<EnvironmentIsolation> Prepare(SandboxCapabilities caps, IReadOnlyList<string> command, int memoryMb) =>
        await EnvironmentIsolation.PrepareAsync(Request(command, memoryMb), Host(new SandboxOptions { OutboundNetwork = false }, caps, "state-" + memoryMb), TimeProvider.System, TestContext.Current.CancellationToken);

    private SandboxHost Host(SandboxOptions options, SandboxCapabilities caps, string state)
    {
        var host = SandboxHost.Create(options, caps, _dirs.Create(state), TimeProvider.System);
        _hosts.Add(host);
        return host;
    }

    private EnvironmentIsolationRequest Request(IReadOnlyList<string> command, int memoryMb) => new()
    {
        EnvironmentId = "env-" + memoryMb,
        Command = command,
        CodeDirectory = _dirs.Create("code-" + memoryMb),
        Environment = new Dictionary<string, string> { ["LAMBDA_TASK_ROOT"] = SandboxSpec.TaskRoot },
        MemorySizeMb = memoryMb,
        SizeNodeHeap = true,
    };
}

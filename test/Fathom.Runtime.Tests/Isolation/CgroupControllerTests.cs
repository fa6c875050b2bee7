using System.Globalization;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Isolation;

/// Real cgroups on this machine (skipped where none is writable), plus v1/v2 detection on fake trees.
public sealed class CgroupControllerTests : IDisposable
{
    private const long Mb = 1024 * 1024;
    private readonly string _parent = "fathom-test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly CgroupController _cgroups;
    private readonly TestDirectories _dirs = new();

    public CgroupControllerTests() => _cgroups = CgroupController.Detect(parentName: _parent);

    public void Dispose()
    {
        _cgroups.SweepAsync(TimeProvider.System).GetAwaiter().GetResult();
        _cgroups.RemoveParent();
        _dirs.Dispose();
    }

    [Fact]
    public async Task Create_NodeAllocatingPastLimit_IsOomKilledAndReported()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.MemoryLimit))
        {
            return;
        }
        var group = _cgroups.Create("oom", 64 * Mb, 64);

        using var process = await TestProcess.RunAsync(group.WrapCommand(
            ["node", "-e", "const a = []; for (;;) a.push(Buffer.alloc(16 * 1024 * 1024, 1));"]));

        process.Process.ExitCode.Should().Be(137, "the kernel SIGKILLs the process at the limit");
        group.ReadOomKills().Should().BeGreaterThanOrEqualTo(1);
        group.ReadPeakBytes().Should().BeGreaterThan(50 * Mb).And.BeLessThanOrEqualTo(64 * Mb);
        await group.RemoveAsync(TimeProvider.System, TestContext.Current.CancellationToken);
        Directory.Exists(group.Path).Should().BeFalse();
    }

    [Fact]
    public async Task Create_SandboxedNodePastLimit_IsOomKilled()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox, IsolationDefence.MemoryLimit))
        {
            return;
        }

        var caps = SandboxCapabilities.Current;
        var group = _cgroups.Create("sandboxed", 96 * Mb, 64);
        var code = _dirs.Create("code");
        var spec = new SandboxSpec
        {
            Command = ["node", "-e", "const a = []; for (;;) a.push(Buffer.alloc(16 * 1024 * 1024, 1));"],
            CodeDirectory = code,
            EtcDirectory = SandboxEtc.Ensure(_dirs.Create("etc"), 993, outbound: false),
            NetworkMode = SandboxNetworkMode.Host,
            CgroupProcsFiles = group.ProcsFiles,
        };

        using var process = await TestProcess.RunAsync(spec.BuildArgv());

        process.Process.ExitCode.Should().NotBe(0);
        group.ReadOomKills().Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Create_ForkBomb_IsContainedByPidsLimit()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.PidsLimit))
        {
            return;
        }

        var group = _cgroups.Create("forkbomb", 256 * Mb, 24);

        // Each shell forks sleepers as fast as it can; without the limit this would be hundreds of processes.
        using var process = await TestProcess.RunAsync(group.WrapCommand(
            ["sh", "-c", "i=0; while [ $i -lt 200 ]; do sleep 30 </dev/null >/dev/null 2>&1 & i=$((i+1)); done; echo started; exit 0"]));

        group.ReadPidsLimitHits().Should().BeGreaterThan(0);
        process.Stderr.Should().Contain("fork");
        group.ReadProcesses().Count.Should().BeLessThanOrEqualTo(24);
        await group.RemoveAsync(TimeProvider.System, TestContext.Current.CancellationToken);
        Directory.Exists(group.Path).Should().BeFalse("removing the group kills the leftover sleepers");
    }

    [Fact]
    public async Task ReadPeakBytes_AfterReset_CoversOnlyTheNextRun()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.MemoryLimit))
        {
            return;
        }
        var group = _cgroups.Create("peak", 256 * Mb, 64);
        using (await TestProcess.RunAsync(group.WrapCommand(["node", "-e", "globalThis.b = Buffer.alloc(80 * 1024 * 1024, 1)"])))
        {
        }

        var first = group.ReadPeakBytes();
        var reset = group.ResetPeak();
        using (await TestProcess.RunAsync(group.WrapCommand(["sh", "-c", "true"])))
        {
        }

        first.Should().BeGreaterThan(80 * Mb);
        if (reset)
        {
            group.ReadPeakBytes().Should().BeLessThan(40 * Mb);
        }

        await group.RemoveAsync(TimeProvider.System, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Detect_FakeV1Tree_WritesMemorySwapAndPidsLimits()
    {
        var root = _dirs.Create("v1");
        Directory.CreateDirectory(Path.Combine(root, "memory"));
        File.WriteAllText(Path.Combine(root, "memory", "memory.limit_in_bytes"), "max");
        Directory.CreateDirectory(Path.Combine(root, "pids"));
        File.WriteAllText(Path.Combine(root, "pids", "cgroup.procs"), "");
        var controller = CgroupController.Detect(root, "fathom");
        // A real cgroupfs creates the control files with the group; the fake one needs them up front.
        var memory = Directory.CreateDirectory(Path.Combine(root, "memory", "fathom", "env1")).FullName;
        File.WriteAllText(Path.Combine(memory, "memory.memsw.limit_in_bytes"), "");

        var group = controller.Create("env1", 128 * Mb, 99);

        controller.Version.Should().Be(CgroupVersion.V1);
        File.ReadAllText(Path.Combine(memory, "memory.limit_in_bytes")).Should().Be((128 * Mb).ToString(CultureInfo.InvariantCulture));
        File.ReadAllText(Path.Combine(memory, "memory.memsw.limit_in_bytes")).Should().Be((128 * Mb).ToString(CultureInfo.InvariantCulture));
        File.ReadAllText(Path.Combine(root, "pids", "fathom", "env1", "pids.max")).Should().Be("99");
        group.ProcsFiles.Should().Equal(Path.Combine(memory, "cgroup.procs"), Path.Combine(root, "pids", "fathom", "env1", "cgroup.procs"));
    }

    [Fact]
    public void Detect_FakeV2Tree_EnablesControllersAndWritesLimits()
    {
        var root = _dirs.Create("v2");
        File.WriteAllText(Path.Combine(root, "cgroup.controllers"), "cpuset cpu io memory pids\n");
        var controller = CgroupController.Detect(root, "fathom");
        var dir = Directory.CreateDirectory(Path.Combine(root, "fathom", "env1")).FullName;
        foreach (var file in new[] { "memory.swap.max", "memory.oom.group", "pids.max" })
        {
            File.WriteAllText(Path.Combine(dir, file), "");
        }

        var group = controller.Create("env1", 256 * Mb, 50);
        File.WriteAllText(Path.Combine(dir, "memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        File.WriteAllText(Path.Combine(dir, "memory.peak"), "268435456\n");

        controller.Version.Should().Be(CgroupVersion.V2);
        File.ReadAllText(Path.Combine(root, "cgroup.subtree_control")).Should().Be("+memory +pids");
        File.ReadAllText(Path.Combine(dir, "memory.max")).Should().Be((256 * Mb).ToString(CultureInfo.InvariantCulture));
        File.ReadAllText(Path.Combine(dir, "memory.swap.max")).Should().Be("0");
        File.ReadAllText(Path.Combine(dir, "memory.oom.group")).Should().Be("1");
        File.ReadAllText(Path.Combine(dir, "pids.max")).Should().Be("50");
        group.ReadOomKills().Should().Be(1);
        group.ReadPeakBytes().Should().Be(256 * Mb);
        group.ProcsFiles.Should().Equal(Path.Combine(dir, "cgroup.procs"));
    }

    [Fact]
    public void Detect_NoMemoryController_ReportsWhyForTheWarning()
    {
        var controller = CgroupController.Detect(_dirs.Create("empty"), "fathom");

        controller.IsWritable.Should().BeFalse();
        controller.Problem.Should().Contain("no cgroup memory controller");
        SandboxCapabilities.Probe(controller).Warnings.Should().Contain(w => w.Contains("polling resident memory", StringComparison.Ordinal));
    }

}

using Fathom.Runtime.Environments;
using Fathom.Runtime.Events;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Processes;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Isolation;

/// What an environment holds on the host (its cgroup, its slirp4netns, its network namespace) goes when it dies,
/// and what a killed platform left goes when the next one starts.
public sealed class EnvironmentReleaseTests
{
    [Fact]
    public async Task IdleEnvironmentKilledFromOutside_ReleasesCgroupAndSlirpAtOnce()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox, IsolationDefence.NetworkNamespace, IsolationDefence.MemoryLimit))
        {
            return;
        }

        Assert.SkipWhen(SandboxCapabilities.Current.SlirpPath is null, "slirp4netns is not installed");
        // An idle sweep an hour away: whatever is released here is released because the environment died.
        await using var runtime = new TestRuntime(o => o.IdleTimeout = TimeSpan.FromHours(1));
        runtime.Load("released", "index.echo");
        (await runtime.InvokeAsync("released")).Outcome.Should().Be(Invocations.InvocationOutcome.Success);
        var environmentId = (await runtime.NextEventAsync<LogLine>(l => l.EnvironmentId is not null)).EnvironmentId!;
        var outer = FindByMarker(environmentId);
        var netns = ReadLink($"/proc/{outer}/ns/net")!;
        var slirp = SlirpProcessesFor(netns);
        var cgroup = Path.Combine(CgroupController.Detect(parentName: RuntimeContext.CgroupParentName(runtime.StateDirectory)).ParentPath!, environmentId);
        slirp.Should().ContainSingle("each environment with outbound network has its own slirp4netns");
        Directory.Exists(cgroup).Should().BeTrue();

        NativeMethods.KillGroup(outer, NativeMethods.SigKill); // as the OOM killer or an operator would

        (await Wait.UntilAsync(() => !Directory.Exists(cgroup))).Should().BeTrue("the dead environment's cgroup goes now, not at the idle sweep");
        (await Wait.UntilAsync(() => slirp.All(Wait.IsReaped))).Should().BeTrue("its slirp4netns stops with it");
        runtime.Host.EnvironmentCount("released", "$LATEST").Should().Be(0);
        (await runtime.InvokeAsync("released")).Outcome.Should().Be(Invocations.InvocationOutcome.Success);
    }

    [Fact]
    public async Task Start_AfterAPlatformWasKilled_SweepsItsEnvironmentsCgroupsAtOnce()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.MemoryLimit))
        {
            return;
        }

        using var state = new TempDirectory("fathom-sweep-");
        var controller = CgroupController.Detect(parentName: RuntimeContext.CgroupParentName(state.Path));
        // A predecessor that registered one environment and died (its pid and start time no longer match anything).
        var leftover = Guid.NewGuid().ToString("N");
        controller.Create(leftover, 64L * 1024 * 1024, 16);
        var registry = Directory.CreateDirectory(Path.Combine(state.Path, "runtime", "environments")).FullName;
        await File.WriteAllTextAsync(Path.Combine(registry, leftover + ".env"), "999999999 1\n999999999\n", TestContext.Current.CancellationToken);
        Directory.Exists(Path.Combine(controller.ParentPath!, leftover)).Should().BeTrue();

        await using (new FunctionRuntime(new RuntimeOptions { StateDirectory = state.Path }))
        {
            Directory.Exists(Path.Combine(controller.ParentPath!, leftover)).Should().BeFalse("the group of a dead platform's environment goes when the next one starts, not a minute later");
        }
    }

    [Fact]
    public async Task DisposeAsync_WhileEnvironmentsAreStillRetiring_LeavesNoCgroupBehind()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox, IsolationDefence.MemoryLimit))
        {
            return;
        }

        var parents = new List<string>();
        // A crashed environment's retirement and a replaced version's drain are still under way when the host goes.
        for (var round = 0; round < 4; round++)
        {
            var runtime = new TestRuntime();
            parents.Add(CgroupController.Detect(parentName: RuntimeContext.CgroupParentName(runtime.StateDirectory)).ParentPath!);
            runtime.Load("ok", "index.echo");
            runtime.Load("crash", "index.exit");
            (await runtime.InvokeAsync("ok")).Outcome.Should().Be(Invocations.InvocationOutcome.Success);
            var crashed = runtime.InvokeAsync("crash");

            (await crashed).Outcome.Should().Be(Invocations.InvocationOutcome.Crash);
            runtime.Load("ok", "index.echo"); // a reload: the old version's warm environment drains in the background
            await runtime.DisposeAsync();
        }

        parents.Where(Directory.Exists).Should().BeEmpty("a disposed host removes its environments' groups and then its own");
    }

    private static int FindByMarker(string environmentId) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .First(pid => pid > 0 && ProcessRegistry.Marker(pid) == environmentId);

    private static List<int> SlirpProcessesFor(string netns) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ReadCommandLine(pid) is [.., var path, "tap0"] && ReadLink(path) == netns)];

    private static string[] ReadCommandLine(int pid)
    {
        try
        {
            var argv = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return argv.Length > 0 && argv[0].EndsWith("slirp4netns", StringComparison.Ordinal) ? argv : [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

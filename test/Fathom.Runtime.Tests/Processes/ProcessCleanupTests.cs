using System.Diagnostics;
using System.Text.Json;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Processes;

/// <summary>The plain-process path (no sandbox): process groups, the parent-death signal and the registry. The
/// handler reports host pids, which a sandbox's pid namespace would hide; the sandbox tests cover
/// cleanup of sandboxed environments.</summary>
public sealed class ProcessCleanupTests
{
    [Fact]
    public async Task DisposeAsync_FunctionSpawnedAChild_NoProcessOutlivesTheHost()
    {
        var runtime = new TestRuntime(o => o.Sandbox = false);
        runtime.Load("spawner", "index.spawn");
        var result = await runtime.InvokeAsync("spawner");
        var (pid, child) = Pids(result.Payload);
        Wait.IsAlive(child).Should().BeTrue();

        await runtime.Host.DisposeAsync();

        Wait.IsAlive(pid).Should().BeFalse();
        (await Wait.UntilAsync(() => !Wait.IsAlive(child))).Should().BeTrue("the whole process group is stopped");
        Directory.EnumerateFiles(runtime.StateDirectory, "*.env", SearchOption.AllDirectories).Should().BeEmpty();
        await runtime.DisposeAsync();
    }

    [Fact]
    public async Task Startup_AfterTheHostWasKilled_ReapsItsLeftovers()
    {
        var state = Directory.CreateTempSubdirectory("fathom-runtime-killed-").FullName;
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Fathom.Runtime.TestHost.dll");
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { hostDll, state, TestRuntime.Assets("node-basic"), "index.spawn", "plain" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var host = Process.Start(startInfo)!;
        var line = await host.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        var (pid, child) = Pids(System.Text.Encoding.UTF8.GetBytes(line!));

        host.Kill();
        await host.WaitForExitAsync(TestContext.Current.CancellationToken);
        var runtimeDied = await Wait.UntilAsync(() => !Wait.IsAlive(pid));
        var childSurvived = Wait.IsAlive(child);
        await using (new FunctionRuntime(new RuntimeOptions { StateDirectory = state, Sandbox = false }))
        {
            var reaped = await Wait.UntilAsync(() => !Wait.IsAlive(child));

            runtimeDied.Should().BeTrue("the runtime process gets SIGKILL when its launching thread dies");
            childSurvived.Should().BeTrue("a grandchild outside the parent-death signal is only found by the registry");
            reaped.Should().BeTrue("the next host reaps what the killed one left");
        }

        Directory.EnumerateFiles(state, "*.env", SearchOption.AllDirectories).Should().BeEmpty();
        Directory.Delete(state, recursive: true);
    }

    [Fact]
    public async Task Startup_AnotherHostIsAlive_LeavesItsEnvironmentsAlone()
    {
        await using var owner = new TestRuntime(o => o.Sandbox = false);
        owner.Load("env", "index.env");
        var result = await owner.InvokeAsync("env");
        var pid = JsonDocument.Parse(result.Payload).RootElement.GetProperty("pid").GetInt32();

        await using (new FunctionRuntime(new RuntimeOptions { StateDirectory = owner.StateDirectory }))
        {
            Wait.IsAlive(pid).Should().BeTrue();
        }

        (await owner.InvokeAsync("env")).InitDuration.Should().BeNull("the environment is still warm");
    }

    private static (int Pid, int Child) Pids(ReadOnlyMemory<byte> payload)
    {
        using var body = JsonDocument.Parse(payload);
        return (body.RootElement.GetProperty("pid").GetInt32(), body.RootElement.GetProperty("child").GetInt32());
    }
}

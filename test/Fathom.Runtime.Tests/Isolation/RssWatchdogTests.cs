using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Tests.Isolation;

/// The no-cgroup fallback against real node processes.
public sealed class RssWatchdogTests
{
    private const long Mb = 1024 * 1024;

    [Fact]
    public async Task Start_ChildTreePassingLimit_IsKilled()
    {
        // The memory is allocated in a grandchild, so the watchdog must sum the whole tree.
        using var process = TestProcess.Start(["sh", "-c",
            "node -e 'const a = []; setInterval(() => a.push(Buffer.alloc(8 * 1024 * 1024, 1)), 20)'; echo child-ended"]);
        using var watchdog = RssWatchdog.Start(process.Process.Id, 150 * Mb, TimeProvider.System, TimeSpan.FromMilliseconds(20));

        var seen = await watchdog.Killed.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await process.WaitAsync();

        seen.Should().BeGreaterThan(150 * Mb);
        watchdog.OutOfMemory.Should().BeTrue();
        process.Process.ExitCode.Should().Be(137);
        process.Stdout.Should().NotContain("child-ended", "the shell was killed with its child");
    }

    [Fact]
    public async Task Start_ProcessUnderLimit_RunsToEndAndPeakIsMeasured()
    {
        using var process = TestProcess.Start(["node", "-e",
            "globalThis.b = Buffer.alloc(60 * 1024 * 1024, 1); setTimeout(() => console.log('done'), 500)"]);
        using var watchdog = RssWatchdog.Start(process.Process.Id, 1024 * Mb, TimeProvider.System, TimeSpan.FromMilliseconds(10));

        await process.WaitAsync();

        process.Process.ExitCode.Should().Be(0);
        watchdog.OutOfMemory.Should().BeFalse();
        watchdog.PeakBytes.Should().BeGreaterThan(60 * Mb);
    }
}

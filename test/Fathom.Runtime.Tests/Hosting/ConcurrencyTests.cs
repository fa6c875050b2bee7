using Fathom.Runtime.Invocations;
using Fathom.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Runtime.Tests.Hosting;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task InvokeAsync_ReservedConcurrencyZero_AlwaysThrottled()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("off", "index.echo", configure: d => d with { ReservedConcurrency = 0 });

        var result = await runtime.InvokeAsync("off");

        result.Outcome.Should().Be(InvocationOutcome.Throttled);
        result.ThrottleReason.Should().Be("ReservedFunctionConcurrentInvocationLimitExceeded");
        result.ErrorType.Should().Be("TooManyRequestsException");
        runtime.Host.EnvironmentCount("off", "$LATEST").Should().Be(0);
    }

    [Fact]
    public async Task InvokeAsync_PastTheReservedLimit_ThrottledAtOnce()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("one", "index.slow", configure: d => d with { ReservedConcurrency = 1 });

        var busy = runtime.InvokeAsync("one", """{"ms":1500}""").AsTask();
        var throttled = await runtime.InvokeAsync("one", """{"ms":1}""");

        throttled.Outcome.Should().Be(InvocationOutcome.Throttled);
        throttled.ThrottleReason.Should().Be("ReservedFunctionConcurrentInvocationLimitExceeded");
        (await busy).Outcome.Should().Be(InvocationOutcome.Success);
    }

    [Fact]
    public async Task SetReservedConcurrency_WhileLoaded_ThrottlesNewCallsAndRemovingItLiftsTheLimit()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("live", "index.slow");

        runtime.Host.SetReservedConcurrency("test", "test", "live", 1);
        var busy = runtime.InvokeAsync("live", """{"ms":1500}""").AsTask();
        var throttled = await runtime.InvokeAsync("live", """{"ms":1}""");
        runtime.Host.SetReservedConcurrency("test", "test", "live", null);
        var lifted = await runtime.InvokeAsync("live", """{"ms":1}""");

        throttled.Outcome.Should().Be(InvocationOutcome.Throttled);
        throttled.ThrottleReason.Should().Be("ReservedFunctionConcurrentInvocationLimitExceeded");
        lifted.Outcome.Should().Be(InvocationOutcome.Success, "the call still running on the first environment no longer counts against a limit");
        (await busy).Outcome.Should().Be(InvocationOutcome.Success, "a running call is never cut short");
    }

    [Fact]
    public async Task SetReservedConcurrency_BeforeAVersionLoads_AppliesToIt()
    {
        await using var runtime = new TestRuntime();
        runtime.Host.SetReservedConcurrency("test", "test", "later", 0);
        runtime.Load("later", "index.echo", configure: d => d with { ReservedConcurrency = 5 });

        var result = await runtime.InvokeAsync("later");

        result.Outcome.Should().Be(InvocationOutcome.Throttled, "the override wins over the template's 5");
    }

    [Fact]
    public async Task InvokeAsync_PastThePlatformDefaultLimit_ThrottledWithTheAccountReason()
    {
        await using var runtime = new TestRuntime(o => o.DefaultThrottleLimit = 1);
        runtime.Load("acct", "index.slow");

        var busy = runtime.InvokeAsync("acct", """{"ms":1500}""").AsTask();
        var throttled = await runtime.InvokeAsync("acct", """{"ms":1}""");

        throttled.ThrottleReason.Should().Be("ConcurrentInvocationLimitExceeded");
        (await busy).Outcome.Should().Be(InvocationOutcome.Success);
    }

    [Fact]
    public async Task InvokeAsync_PastTheEnvironmentCap_WaitsAndRunsWarm()
    {
        await using var runtime = new TestRuntime(o => o.MaxEnvironmentsPerFunction = 1);
        runtime.Load("capped", "index.slow");

        var first = runtime.InvokeAsync("capped", """{"ms":800}""").AsTask();
        var second = runtime.InvokeAsync("capped", """{"ms":1}""").AsTask();
        var results = await Task.WhenAll(first, second);

        results.Should().AllSatisfy(r => r.Outcome.Should().Be(InvocationOutcome.Success));
        results[1].InitDuration.Should().BeNull("the queued call ran on the environment the first call freed");
        runtime.Host.EnvironmentCount("capped", "$LATEST").Should().Be(1);
    }

    [Fact]
    public async Task InvokeAsync_QueueFull_ThrottledWithTheEnvironmentReason()
    {
        await using var runtime = new TestRuntime(o =>
        {
            o.MaxEnvironmentsPerFunction = 1;
            o.MaxQueueLength = 0;
        });
        runtime.Load("capped", "index.slow");

        var busy = runtime.InvokeAsync("capped", """{"ms":1500}""").AsTask();
        var throttled = await runtime.InvokeAsync("capped", """{"ms":1}""");

        throttled.Outcome.Should().Be(InvocationOutcome.Throttled);
        throttled.ThrottleReason.Should().Be("EnvironmentLimitExceeded");
        (await busy).Outcome.Should().Be(InvocationOutcome.Success);
    }

    [Fact]
    public async Task InvokeAsync_DeadlinePassesInTheQueue_Throttled()
    {
        await using var runtime = new TestRuntime(o => o.MaxEnvironmentsPerFunction = 1);
        runtime.Load("capped", "index.slow");

        var busy = runtime.InvokeAsync("capped", """{"ms":3000}""").AsTask();
        var late = await runtime.InvokeAsync("capped", """{"ms":1}""", deadline: DateTimeOffset.UtcNow.AddMilliseconds(300));

        late.Outcome.Should().Be(InvocationOutcome.Throttled);
        late.ThrottleReason.Should().Be("EnvironmentLimitExceeded");
        (await busy).Outcome.Should().Be(InvocationOutcome.Success);
    }

    [Fact]
    public async Task InvokeAsync_EnvironmentKilledWhileIdle_NextCallStartsANewOne()
    {
        // Plain processes: inside a sandbox the pid the function reports is its own pid namespace's, not the host's.
        await using var runtime = new TestRuntime(o =>
        {
            o.MaxEnvironmentsPerFunction = 1;
            o.Sandbox = false;
        });
        runtime.Load("flaky", "index.env");
        var first = await runtime.InvokeAsync("flaky");
        var pid = System.Text.Json.JsonDocument.Parse(first.Payload).RootElement.GetProperty("pid").GetInt32();
        using (var process = System.Diagnostics.Process.GetProcessById(pid))
        {
            process.Kill(); // as the kernel's OOM killer or an operator would
        }

        (await Wait.UntilAsync(() => Wait.IsReaped(pid))).Should().BeTrue();

        var second = await runtime.InvokeAsync("flaky");

        second.Outcome.Should().Be(InvocationOutcome.Success);
        second.InitDuration.Should().NotBeNull();
        runtime.Host.EnvironmentCount("flaky", "$LATEST").Should().Be(1);
    }

    [Fact]
    public async Task IdleTimeout_Passes_EnvironmentStopsAndTheNextCallIsCold()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // A plain process: the test watches the runtime's host pid, which a sandbox's pid namespace hides.
        await using var runtime = new TestRuntime(o =>
        {
            o.IdleTimeout = TimeSpan.FromMinutes(5);
            o.Sandbox = false;
        }, time);
        runtime.Load("idle", "index.env");
        var first = await runtime.InvokeAsync("idle");
        var pid = System.Text.Json.JsonDocument.Parse(first.Payload).RootElement.GetProperty("pid").GetInt32();

        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var count = runtime.Host.EnvironmentCount("idle", "$LATEST");
        var stopped = await Wait.UntilAsync(() => !Wait.IsAlive(pid));
        var next = await runtime.InvokeAsync("idle");

        count.Should().Be(0);
        stopped.Should().BeTrue("the idle environment's process was stopped");
        next.InitDuration.Should().NotBeNull();
    }
}

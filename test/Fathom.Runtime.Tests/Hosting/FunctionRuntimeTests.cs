using System.Text;
using System.Text.Json;
using Fathom.Runtime.Events;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.RuntimeClient;
using Fathom.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.Tests.Hosting;

public sealed class FunctionRuntimeTests
{
    [Fact]
    public async Task InvokeAsync_NodeHandlerReturns_ResultIsTheHandlersResponse()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("echo", "index.echo");

        var result = await runtime.InvokeAsync("echo", """{"hello":"world"}""", qualifier: "live");

        result.Outcome.Should().Be(InvocationOutcome.Success, Encoding.UTF8.GetString(result.Payload.Span) + result.LogTail);
        using var body = JsonDocument.Parse(result.Payload);
        body.RootElement.GetProperty("echo").GetProperty("hello").GetString().Should().Be("world");
        body.RootElement.GetProperty("requestId").GetString().Should().Be(result.RequestId);
        body.RootElement.GetProperty("arn").GetString().Should().Be("arn:aws:lambda:us-east-1:000000000000:function:echo:live");
        body.RootElement.GetProperty("remaining").GetInt32().Should().BeInRange(1, 30_000);
        result.ContentType.Should().Be("application/json");
        result.InitDuration.Should().NotBeNull();
        result.LogTail.Should().StartWith($"START RequestId: {result.RequestId} Version: $LATEST\n")
            .And.Contain("\tINFO\techo {\"hello\":\"world\"}")
            .And.Contain($"END RequestId: {result.RequestId}\n")
            .And.MatchRegex($@"REPORT RequestId: {result.RequestId}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t\n$");
        result.MaxMemoryUsedMb.Should().BeGreaterThan(0);
        var initLine = await runtime.NextEventAsync<LogLine>(l => l.Text.StartsWith("Executing 'index.echo'", StringComparison.Ordinal));
        initLine.RequestId.Should().BeNull("output during init belongs to no invocation");
    }

    [Fact]
    public async Task InvokeAsync_ProcessKilledMidInvoke_CrashNamesTheSignal()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("kill", "index.kill");

        var result = await runtime.InvokeAsync("kill");

        result.Outcome.Should().Be(InvocationOutcome.Crash);
        result.ErrorMessage.Should().Be($"RequestId: {result.RequestId} Error: Runtime exited with error: signal: killed");
    }

    [Fact]
    public async Task InvokeAsync_SecondCall_ReusesTheWarmEnvironment()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("env", "index.env");

        var first = await runtime.InvokeAsync("env");
        var second = await runtime.InvokeAsync("env");

        first.InitDuration.Should().NotBeNull();
        second.InitDuration.Should().BeNull();
        Environment(second).Should().Be(Environment(first));
        runtime.Host.EnvironmentCount("env", "$LATEST").Should().Be(1);
    }

    [Fact]
    public async Task PrewarmAsync_BeforeTheFirstCall_FirstCallIsWarmAndOnDemand()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("env", "index.env");

        await runtime.Host.PrewarmAsync("env", "$LATEST");
        await runtime.Host.PrewarmAsync("env", "$LATEST");
        var first = await runtime.InvokeAsync("env");

        first.Outcome.Should().Be(InvocationOutcome.Success);
        first.InitDuration.Should().BeNull("the environment was started before the call");
        runtime.Host.EnvironmentCount("env", "$LATEST").Should().Be(1, "a second prewarm adds nothing to a warm version");
        first.Payload.ToArray().Should().NotBeEmpty();
        System.Text.Encoding.UTF8.GetString(first.Payload.Span).Should().Contain("on-demand");
    }

    [Fact]
    public async Task InvokeAsync_HandlerThrows_FunctionErrorWithTheRuntimesBody()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("fail", "index.fail");

        var result = await runtime.InvokeAsync("fail");

        result.Outcome.Should().Be(InvocationOutcome.FunctionError);
        result.ErrorType.Should().Be("TypeError");
        result.ErrorMessage.Should().Be("kaboom");
        result.StackTrace.Should().NotBeEmpty().And.Contain(l => l.Contains("index.js", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(result.Payload);
        body.RootElement.GetProperty("errorType").GetString().Should().Be("TypeError");
        body.RootElement.GetProperty("trace").GetArrayLength().Should().BeGreaterThan(0);
        result.LogTail.Should().Contain("about to fail");
    }

    [Fact]
    public async Task InvokeAsync_ModuleMissing_InitErrorEveryTime()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("broken", "index.handler", asset: "node-missing-module");

        var first = await runtime.InvokeAsync("broken");
        var second = await runtime.InvokeAsync("broken");

        first.Outcome.Should().Be(InvocationOutcome.InitError);
        first.ErrorType.Should().Be("Runtime.ImportModuleError");
        first.ErrorMessage.Should().Contain("this-module-does-not-exist");
        first.LogTail.Should().Contain("Status: error\tError Type: Runtime.ImportModuleError");
        second.Outcome.Should().Be(InvocationOutcome.InitError);
        second.InitDuration.Should().NotBeNull("a failed environment is replaced, not reused");
    }

    [Fact]
    public async Task InvokeAsync_HandlerRunsPastTimeout_TimesOutAndTheNextCallStartsFresh()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("slow", "index.slow", configure: d => d with { Timeout = TimeSpan.FromSeconds(1) });

        var timedOut = await runtime.InvokeAsync("slow", """{"ms":60000}""");
        var next = await runtime.InvokeAsync("slow", """{"ms":1}""");

        timedOut.Outcome.Should().Be(InvocationOutcome.Timeout);
        timedOut.ErrorType.Should().Be("Sandbox.Timedout");
        timedOut.ErrorMessage.Should().Be($"RequestId: {timedOut.RequestId} Error: Task timed out after 1.00 seconds");
        timedOut.LogTail.Should().Contain($"{timedOut.RequestId} Task timed out after 1.00 seconds").And.Contain("Status: timeout");
        next.Outcome.Should().Be(InvocationOutcome.Success);
        next.InitDuration.Should().NotBeNull();
    }

    [Fact]
    public async Task InvokeAsync_ProcessExitsMidInvoke_CrashWithExitStatus()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("exit", "index.exit");

        var crashed = await runtime.InvokeAsync("exit", """{"code":3}""");
        var next = await runtime.InvokeAsync("exit", """{"code":0}""");

        crashed.Outcome.Should().Be(InvocationOutcome.Crash);
        crashed.ErrorType.Should().Be("Runtime.ExitError");
        crashed.ErrorMessage.Should().Be($"RequestId: {crashed.RequestId} Error: Runtime exited with error: exit status 3");
        crashed.LogTail.Should().Contain("exiting");
        next.InitDuration.Should().NotBeNull("the crashed environment was replaced");
    }

    [Fact]
    public async Task InvokeAsync_ResponseOverSixMegabytes_ResponseSizeTooLarge()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("big", "index.big");

        var result = await runtime.InvokeAsync("big");

        result.Outcome.Should().Be(InvocationOutcome.FunctionError);
        result.ErrorType.Should().Be("Function.ResponseSizeTooLarge");
    }

    [Fact]
    public async Task InvokeAsync_ResponseJustUnderTheLimit_ArrivesWhole()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("sized", "index.sized");

        var result = await runtime.InvokeAsync("sized", """{"n":6000000}""");

        result.Outcome.Should().Be(InvocationOutcome.Success);
        result.Payload.Length.Should().Be(6_000_002, "the JSON string of 6,000,000 characters with its quotes");
    }

    [Fact]
    public async Task InvokeAsync_ChattyHandler_EveryLineArrivesWithItsRequestId()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("chatty", "index.chatty");

        var result = await runtime.InvokeAsync("chatty", """{"lines":3000}""");
        var lines = new List<LogLine>();
        while (lines.Count < 3000)
        {
            // console.log goes to the runtime client's framed log stream, one record per call.
            lines.Add(await runtime.NextEventAsync<LogLine>(l => l.Stream == LogStream.Telemetry && l.RequestId == result.RequestId));
        }

        result.Outcome.Should().Be(InvocationOutcome.Success);
        lines.Should().HaveCount(3000);
        lines[^1].Text.Should().Contain("\t2999 xxx");
        Encoding.UTF8.GetByteCount(result.LogTail).Should().BeLessThanOrEqualTo(4096);
        result.LogTail.Should().EndWith("\t\n").And.Contain("2999 xxx");
    }

    [Fact]
    public async Task InvokeAsync_Completed_PublishesOneInvocationRecord()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("echo", "index.echo");

        var result = await runtime.Host.InvokeAsync(new InvocationRequest
        {
            App = "test",
            Environment = "test",
            FunctionName = "echo",
            Version = "$LATEST",
            Payload = Encoding.UTF8.GetBytes("""{"a":1}"""),
            Qualifier = "prod",
            Source = "api",
        }, TestContext.Current.CancellationToken);
        var record = await runtime.NextEventAsync<InvocationCompleted>(e => e.RequestId == result.RequestId);

        record.Outcome.Should().Be(InvocationOutcome.Success);
        record.Qualifier.Should().Be("prod");
        record.Source.Should().Be("api");
        record.InitDuration.Should().NotBeNull();
        Encoding.UTF8.GetString(record.Payload.Span).Should().Be("""{"a":1}""");
        record.MaxMemoryUsedMb.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task InvokeAsync_CallerCancels_EnvironmentFinishesAndStaysWarm()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("slow", "index.slow");
        await runtime.InvokeAsync("slow", """{"ms":1}""");
        using var cancel = new CancellationTokenSource();

        var call = runtime.InvokeWithCancellationAsync("slow", """{"ms":1500}""", "$LATEST", null, null, cancel.Token).AsTask();
        await cancel.CancelAsync();
        var cancelled = async () => await call;
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
        var finished = await runtime.NextEventAsync<InvocationCompleted>(e => e.Outcome == InvocationOutcome.Success && e.InitDuration is null);
        var next = await runtime.InvokeAsync("slow", """{"ms":1}""");

        finished.Duration.Should().BeGreaterThan(TimeSpan.FromMilliseconds(1000));
        next.InitDuration.Should().BeNull();
    }

    [Fact]
    public async Task UnloadAsync_InvocationInFlight_FinishesThenVersionIsGone()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("slow", "index.slow");
        await runtime.InvokeAsync("slow", """{"ms":1}""");

        var requestId = Guid.NewGuid().ToString();

        var inFlight = runtime.Host.InvokeAsync(new InvocationRequest
        {
            App = "test",
            Environment = "test",
            FunctionName = "slow", Version = "$LATEST", Payload = """{"ms":800}"""u8.ToArray(), Source = "test", RequestId = requestId,
        }, TestContext.Current.CancellationToken).AsTask();
        // Its own START (the warm-up call's START is still in the subscription): the call holds an environment now.
        await runtime.NextEventAsync<LogLine>(l => l.RequestId == requestId && l.Text.StartsWith("START", StringComparison.Ordinal));
        await runtime.Host.UnloadAsync("slow", "$LATEST");
        var result = await inFlight;
        var afterwards = async () => await runtime.InvokeAsync("slow");

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        Encoding.UTF8.GetString(result.Payload.Span).Should().Be("\"done\"", "the call ran to its end on the unloaded version");
        runtime.Host.IsLoaded("slow", "$LATEST").Should().BeFalse();
        await afterwards.Should().ThrowAsync<FunctionNotFoundException>();
    }

    [Fact]
    public async Task Load_UnsupportedRuntime_FailsNamingTheSupportedOnes()
    {
        await using var runtime = new TestRuntime();

        var load = () => runtime.Load("py", "app.handler", runtime: "python3.12");

        load.Should().Throw<FunctionLoadException>()
            .WithMessage("*'python3.12' is not supported*nodejsNN.x*provided.al2*provided.al2023*");
    }

    [Fact]
    public async Task InvokeAsync_RetiredNodeRuntime_RunsOnTheInstalledNodeWithAWarning()
    {
        await using var runtime = new TestRuntime();
        var installed = NodeInstallation.Find(null);
        runtime.Load("old", "index.echo", runtime: "nodejs14.x");
        runtime.Load("current", "index.echo", runtime: $"nodejs{installed.Major}.x");

        var result = await runtime.InvokeAsync("old");

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        var warnings = runtime.Logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        warnings.Should().ContainSingle(m => m.Contains("declares nodejs", StringComparison.Ordinal), "only the function whose major differs is warned about")
            .Which.Should().Be($"Function old declares nodejs14.x; it runs on the installed Node.js {installed.Version}");
    }

    [Fact]
    public async Task InvokeAsync_InitRunsPastTheInitTimeout_InitErrorAndTheNextCallTriesAgain()
    {
        await using var runtime = new TestRuntime(o => o.InitTimeout = TimeSpan.FromSeconds(1));
        runtime.Load("stuck", "index.handler", asset: "node-slow-init");

        var first = await runtime.InvokeAsync("stuck");
        var second = await runtime.InvokeAsync("stuck");

        first.Outcome.Should().Be(InvocationOutcome.InitError, first.LogTail);
        first.ErrorType.Should().Be("Sandbox.Timedout");
        first.ErrorMessage.Should().Be("Error: Init timed out after 1.00 seconds");
        first.InitDuration.Should().NotBeNull();
        first.LogTail.Should().Contain("Status: error\tError Type: Sandbox.Timedout");
        second.Outcome.Should().Be(InvocationOutcome.InitError);
        second.InitDuration.Should().NotBeNull("the stuck environment was killed and the next call starts its own, as Lambda retries init");
        runtime.Host.EnvironmentCount("stuck", "$LATEST").Should().Be(0, "no environment is left waiting for an init that timed out");
    }

    [Fact]
    public async Task InvokeAsync_ProvidedBootstrap_ServesInvocations()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("custom", "my.handler", asset: "provided-echo", runtime: "provided.al2023");

        var first = await runtime.InvokeAsync("custom", """{"n":1}""");
        var second = await runtime.InvokeAsync("custom", """{"n":2}""");

        first.Outcome.Should().Be(InvocationOutcome.Success, first.LogTail);
        Encoding.UTF8.GetString(second.Payload.Span).Should().Be("""{"handler":"my.handler","execEnv":"unset","event":{"n":2}}""");
        second.InitDuration.Should().BeNull();
        second.LogTail.Should().Contain($"handling {second.RequestId}");
    }

    /// <summary>The log stream name ends with the environment's id (pids repeat across sandboxes' pid namespaces).</summary>
    private static string Environment(InvocationResult result)
    {
        using var body = JsonDocument.Parse(result.Payload);
        return body.RootElement.GetProperty("env").GetProperty("AWS_LAMBDA_LOG_STREAM_NAME").GetString()!;
    }
}

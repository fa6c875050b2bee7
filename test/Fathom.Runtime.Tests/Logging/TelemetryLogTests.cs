using System.Text.Json;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Logging;

/// <summary>Real node with the real runtime client writing its log frames to the descriptor the platform gives it
/// (<c>_LAMBDA_TELEMETRY_LOG_FD</c>), sandboxed where the machine allows it and without a sandbox.</summary>
public sealed class TelemetryLogTests
{
    private const string Asset = "node-logs";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InvokeAsync_ConsoleCalls_ArriveAsOneTelemetryRecordEachWithLevelAndRequestId(bool sandbox)
    {
        await using var runtime = new TestRuntime(o => o.Sandbox = sandbox);
        runtime.Load("mixed", "index.mixed", Asset);
        var before = DateTimeOffset.UtcNow;

        var result = await runtime.InvokeAsync("mixed");
        var lines = await LogLines.OfAsync(runtime, result.RequestId);

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        var telemetry = lines.Where(l => l.Stream == LogStream.Telemetry).ToList();
        telemetry.Should().HaveCount(3, "one record per console call: {0}", string.Join("\n---\n", lines.Select(l => l.Text)));
        telemetry[0].Level.Should().Be("INFO");
        telemetry[0].Text.Should().EndWith($"\t{result.RequestId}\tINFO\thello from log");
        telemetry[1].Level.Should().Be("WARN");
        telemetry[1].Text.Should().EndWith("\tWARN\tcareful now");
        var error = telemetry[2];
        error.Level.Should().Be("ERROR");
        error.Text.Should().Contain("\tERROR\tError: boom\n    at ", "the stack trace stays in its record, with real newlines")
            .And.NotContain("\r");
        telemetry.Should().OnlyContain(l => l.RequestId == result.RequestId && l.EnvironmentId != null);
        telemetry.Should().OnlyContain(l => l.Time >= before.AddSeconds(-1) && l.Time <= DateTimeOffset.UtcNow, "the time is the frame's own");
        var raw = lines.Should().ContainSingle(l => l.Stream == LogStream.Stdout).Subject;
        raw.Text.Should().Be("raw", "process.stdout.write still goes to stdout");
        raw.Level.Should().BeNull();
        raw.RequestId.Should().Be(result.RequestId);
        result.LogTail.Should().Contain("Error: boom\n    at ");
    }

    [Fact]
    public async Task InvokeAsync_ConsoleDuringInit_BelongsToNoInvocation()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("object", "index.object", Asset);

        var result = await runtime.InvokeAsync("object");
        var lines = await LogLines.UntilReportedAsync(runtime, result.RequestId);

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        var init = lines.Should().ContainSingle(l => l.Text.EndsWith("\tINFO\tloading node-logs", StringComparison.Ordinal)).Subject;
        init.Stream.Should().Be(LogStream.Telemetry);
        init.RequestId.Should().BeNull("the client's \"undefined\" in place of a request id is no request id");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InvokeAsync_TelemetryDescriptor_IsAnAnonymousPipeAndNothingOfTheHostLeaks(bool sandbox)
    {
        if (sandbox && !await Defences.AvailableAsync(IsolationDefence.Sandbox))
        {
            return;
        }

        await using var runtime = new TestRuntime(o => o.Sandbox = sandbox);
        runtime.Load("fds", "index.fds", Asset);

        var result = await runtime.InvokeAsync("fds");

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        using var body = JsonDocument.Parse(result.Payload);
        var fds = body.RootElement.GetProperty("fds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        fds.Should().ContainKey("5").WhoseValue.Should().StartWith("pipe:[");
        fds.Values.Should().NotContain(target => target.Contains(runtime.StateDirectory, StringComparison.Ordinal)
            || target.Contains(".args", StringComparison.Ordinal) || target.Contains("seccomp", StringComparison.Ordinal),
            "neither the platform's files nor bubblewrap's descriptors reach the function");
        body.RootElement.GetProperty("variable").ValueKind.Should().Be(JsonValueKind.Null, "the runtime client consumed it");
    }

    [Fact]
    public async Task InvokeAsync_JsonLogFormat_ObjectArrivesAsOneJsonRecord()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("object", "index.object", Asset, configure: d => d with { LogFormat = "JSON" });

        var result = await runtime.InvokeAsync("object");
        var lines = await LogLines.OfAsync(runtime, result.RequestId);

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        var line = lines.Should().ContainSingle(l => l.Stream == LogStream.Telemetry).Subject;
        line.Level.Should().Be("INFO");
        line.RequestId.Should().Be(result.RequestId);
        using var record = JsonDocument.Parse(line.Text);
        record.RootElement.GetProperty("level").GetString().Should().Be("INFO");
        record.RootElement.GetProperty("requestId").GetString().Should().Be(result.RequestId);
        record.RootElement.GetProperty("message").GetProperty("a").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task InvokeAsync_ConcurrentInvocations_EachRecordCarriesItsOwnRequestId()
    {
        await using var runtime = new TestRuntime(o => o.MaxEnvironmentsPerFunction = 3);
        runtime.Load("tagged", "index.tagged", Asset);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => runtime.InvokeAsync("tagged").AsTask()));
        var lines = await LogLines.UntilReportedAsync(runtime, [.. results.Select(r => r.RequestId)]);

        results.Should().OnlyContain(r => r.Outcome == InvocationOutcome.Success);
        var tagged = lines.Where(l => l.Text.Contains("mine=", StringComparison.Ordinal)).ToList();
        tagged.Should().HaveCount(30);
        tagged.Should().OnlyContain(l => l.Text.Contains($"mine={l.RequestId} ", StringComparison.Ordinal),
            "a record is attributed to the invocation that wrote it");
    }

    [Theory]
    [InlineData("oversized")]
    [InlineData("huge")]
    [InlineData("garbage")]
    public async Task InvokeAsync_HostileWritesToTheTelemetryDescriptor_EnvironmentAndPlatformKeepWorking(string mode)
    {
        await using var runtime = new TestRuntime();
        runtime.Load("hostile", "index.hostile", Asset);
        runtime.Load("neighbour", "index.mixed", Asset);

        var hostile = await runtime.InvokeAsync("hostile", $$"""{"mode":"{{mode}}"}""");
        var lines = await LogLines.OfAsync(runtime, hostile.RequestId);
        var again = await runtime.InvokeAsync("hostile", """{"mode":"none"}""");
        var neighbour = await runtime.InvokeAsync("neighbour");
        var neighbourLines = await LogLines.OfAsync(runtime, neighbour.RequestId);

        hostile.Outcome.Should().Be(InvocationOutcome.Success, hostile.LogTail);
        again.Outcome.Should().Be(InvocationOutcome.Success, again.LogTail);
        again.InitDuration.Should().BeNull("the environment that wrote it is still alive and warm");
        neighbourLines.Where(l => l.Stream == LogStream.Telemetry).Should().HaveCount(3, "another function's stream is untouched");
        var telemetry = lines.Where(l => l.Stream == LogStream.Telemetry).Select(l => l.Text).ToList();
        switch (mode)
        {
            case "oversized":
                telemetry.Should().Contain(new string('z', 256 * 1024) + " … [line truncated: 786432 more bytes]");
                telemetry.Should().Contain(t => t.EndsWith("\tINFO\tafter oversized", StringComparison.Ordinal), "framing goes on after a cut record");
                break;
            case "huge":
                telemetry.Should().Contain(t => t.StartsWith("[telemetry log stream: not a log frame", StringComparison.Ordinal))
                    .And.Contain(t => t.Contains("after huge", StringComparison.Ordinal), "what follows is not swallowed");
                break;
            case "garbage":
                telemetry.Should().Contain(t => t.StartsWith("[telemetry log stream: not a log frame", StringComparison.Ordinal))
                    .And.Contain("this is not a frame at all")
                    .And.Contain(t => t.Contains("after garbage", StringComparison.Ordinal), "what follows still arrives, as text");
                break;
        }
    }
}

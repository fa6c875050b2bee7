using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Logging;

/// <summary>The lines the platform adds to an invocation's log, in each of Lambda's log formats.</summary>
public sealed class PlatformRecordTests
{
    private const string Asset = "node-logs";

    [Fact]
    public async Task InvokeAsync_TextLogFormat_StartEndReportLines()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("text", "index.object", Asset, configure: d => d with { LogFormat = "Text" });

        var result = await runtime.InvokeAsync("text");
        var platform = (await LogLines.OfAsync(runtime, result.RequestId)).Where(l => l.Stream == LogStream.Platform).Select(l => l.Text).ToList();

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        platform.Should().HaveCount(3);
        platform[0].Should().Be($"START RequestId: {result.RequestId} Version: $LATEST");
        platform[1].Should().Be($"END RequestId: {result.RequestId}");
        platform[2].Should().MatchRegex($@"^REPORT RequestId: {result.RequestId}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t$");
    }

    [Fact]
    public async Task InvokeAsync_JsonLogFormat_PlatformStartAndReportRecordsInsteadOfText()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("json", "index.object", Asset, configure: d => d with { LogFormat = "JSON" });

        var cold = await runtime.InvokeAsync("json");
        var coldLines = await LogLines.OfAsync(runtime, cold.RequestId);
        var warm = await runtime.InvokeAsync("json");
        var warmLines = await LogLines.OfAsync(runtime, warm.RequestId);

        cold.Outcome.Should().Be(InvocationOutcome.Success, cold.LogTail);
        var platform = coldLines.Where(l => l.Stream == LogStream.Platform).ToList();
        platform.Should().HaveCount(2, "JSON has no END: {0}", string.Join("\n", platform.Select(l => l.Text)));
        using var start = JsonDocument.Parse(platform[0].Text);
        start.RootElement.GetProperty("type").GetString().Should().Be("platform.start");
        DateTimeOffset.Parse(start.RootElement.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        start.RootElement.GetProperty("record").GetProperty("requestId").GetString().Should().Be(cold.RequestId);
        start.RootElement.GetProperty("record").GetProperty("version").GetString().Should().Be("$LATEST");
        using var report = JsonDocument.Parse(platform[1].Text);
        report.RootElement.GetProperty("type").GetString().Should().Be("platform.report");
        var record = report.RootElement.GetProperty("record");
        record.GetProperty("requestId").GetString().Should().Be(cold.RequestId);
        record.GetProperty("status").GetString().Should().Be("success");
        var metrics = record.GetProperty("metrics");
        metrics.GetProperty("durationMs").GetDouble().Should().BeApproximately(cold.Duration.TotalMilliseconds, 0.01);
        metrics.GetProperty("billedDurationMs").GetInt64().Should().Be((long)cold.BilledDuration.TotalMilliseconds);
        metrics.GetProperty("memorySizeMB").GetInt32().Should().Be(128);
        metrics.GetProperty("maxMemoryUsedMB").GetInt32().Should().Be(cold.MaxMemoryUsedMb).And.BeGreaterThan(0);
        metrics.GetProperty("initDurationMs").GetDouble().Should().BePositive("the first call was cold");
        cold.LogTail.Should().NotContain("START RequestId").And.NotContain("END RequestId").And.NotContain("REPORT RequestId");
        cold.LogTail.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(l => l.StartsWith('{'), "every line of a JSON function is JSON");

        using var warmReport = JsonDocument.Parse(warmLines.Last(l => l.Stream == LogStream.Platform).Text);
        warmReport.RootElement.GetProperty("record").GetProperty("metrics").TryGetProperty("initDurationMs", out _)
            .Should().BeFalse("a warm call has no init");
    }

    [Fact]
    public async Task InvokeAsync_JsonLogFormatTimeout_ReportSaysTimeout()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("slow", "index.slow", Asset, configure: d => d with { LogFormat = "JSON", Timeout = TimeSpan.FromSeconds(1) });

        var result = await runtime.InvokeAsync("slow");
        var platform = (await LogLines.OfAsync(runtime, result.RequestId)).Where(l => l.Stream == LogStream.Platform).ToList();

        result.Outcome.Should().Be(InvocationOutcome.Timeout);
        platform.Should().HaveCount(3);
        using var timedOut = JsonDocument.Parse(platform[1].Text);
        timedOut.RootElement.GetProperty("level").GetString().Should().Be("ERROR");
        timedOut.RootElement.GetProperty("requestId").GetString().Should().Be(result.RequestId);
        timedOut.RootElement.GetProperty("message").GetString().Should().Be("Task timed out after 1.00 seconds");
        using var report = JsonDocument.Parse(platform[2].Text);
        var record = report.RootElement.GetProperty("record");
        record.GetProperty("status").GetString().Should().Be("timeout");
        record.GetProperty("errorType").GetString().Should().Be("Sandbox.Timedout");
    }

    [Fact]
    public async Task InvokeAsync_JsonLogFormatInitError_ReportSaysErrorWithItsType()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("broken", "index.handler", "node-missing-module", configure: d => d with { LogFormat = "JSON" });

        var result = await runtime.InvokeAsync("broken");
        var platform = (await LogLines.OfAsync(runtime, result.RequestId)).Where(l => l.Stream == LogStream.Platform).ToList();

        result.Outcome.Should().Be(InvocationOutcome.InitError);
        platform.Select(l => JsonNode.Parse(l.Text)?["type"]?.GetValue<string>() ?? "error line")
            .Should().Equal("platform.start", "error line", "platform.report");
        using var error = JsonDocument.Parse(platform[1].Text);
        error.RootElement.GetProperty("errorType").GetString().Should().Be("Runtime.ImportModuleError");
        using var report = JsonDocument.Parse(platform[2].Text);
        var record = report.RootElement.GetProperty("record");
        record.GetProperty("status").GetString().Should().Be("error");
        record.GetProperty("errorType").GetString().Should().Be("Runtime.ImportModuleError");
        record.GetProperty("metrics").GetProperty("initDurationMs").GetDouble().Should().BePositive();
    }
}

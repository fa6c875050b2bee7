using Fathom.Apps.Config;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Logs.Forwarding;
using Fathom.Telemetry.Logs.Forwarding.Syslog;

namespace Fathom.Telemetry.Tests.Forwarding;

public sealed class SyslogForwardingTests(RsyslogFixture rsyslog)
{
    private static Task<LogForwarderStats> ForwardAsync(SyslogForwardConfig config, params LogRecord[] records) =>
        ForwardAsync(config, TimeSpan.FromSeconds(3), records);

    private static async Task<LogForwarderStats> ForwardAsync(SyslogForwardConfig config, TimeSpan grace, params LogRecord[] records)
    {
        await using var forwarding = new LogForwarding(new LogsConfig { Forward = [config] }, FastOptions.Create());
        foreach (var record in records)
        {
            forwarding.Enqueue(record);
        }

        await forwarding.StopAsync(grace);
        return forwarding.GetStats()[0];
    }

    private async Task<IReadOnlyList<RsyslogLine>> ReceivedAsync(string requestId, int count)
    {
        await Eventually.WaitAsync(() => rsyslog.Lines(requestId).Count >= count, $"{count} messages for {requestId} in rsyslog's file");
        return rsyslog.Lines(requestId);
    }

    [Fact]
    public async Task Plain_RsyslogReceivesEveryFieldAsSent()
    {
        rsyslog.RequireRunning();
        var requestId = Guid.NewGuid().ToString();
        var record = TestRecords.Line("TypeError: Cannot read properties of undefined\n    at handler (/var/task/index.js:3:17)\nüñí ✓", level: LogLevel.Error, requestId: requestId)
            with { Qualifier = "canary \"v2\" [x]\\y", TraceId = "4bf92f3577b34da6a3ce929d0e0e4736" };

        var stats = await ForwardAsync(new SyslogForwardConfig { Host = "127.0.0.1", Port = rsyslog.PlainPort, Facility = SyslogFacility.Local0 }, record);

        stats.Delivered.Should().Be(1);
        var line = (await ReceivedAsync(requestId, 1)).Should().ContainSingle().Subject;
        line.Should().Be(new RsyslogLine(
            Input: "plain",
            Pri: (16 * 8 + 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Hostname: SyslogHost.Name(),
            AppName: "orders",
            ProcId: "-",
            MsgId: "stdout",
            StructuredData: $"""[fathom@32473 app="shop" env="prod" version="7" requestId="{requestId}" qualifier="canary \"v2\" [x\]\\y" source="api" traceId="4bf92f3577b34da6a3ce929d0e0e4736"]""",
            Time: "2026-12-07T14:30:15.123123Z",
            Msg: "\uFEFF" + record.Message));
    }

    [Theory]
    [InlineData(LogLevel.Trace, 15)]
    [InlineData(LogLevel.Debug, 15)]
    [InlineData(LogLevel.Info, 14)]
    [InlineData(LogLevel.Warn, 12)]
    [InlineData(LogLevel.Fatal, 10)]
    public async Task Plain_LevelAndDefaultFacility_MakeThePri(LogLevel level, int pri)
    {
        rsyslog.RequireRunning();
        var requestId = Guid.NewGuid().ToString();

        await ForwardAsync(new SyslogForwardConfig { Host = "127.0.0.1", Port = rsyslog.PlainPort }, TestRecords.Line("x", level: level, requestId: requestId));

        (await ReceivedAsync(requestId, 1)).Single().Pri.Should().Be(pri.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Plain_InvocationRecord_IsItsReportLineWithTheNumbersAsStructuredData()
    {
        rsyslog.RequireRunning();
        var requestId = Guid.NewGuid().ToString();

        await ForwardAsync(new SyslogForwardConfig { Host = "localhost", Port = rsyslog.PlainPort }, TestRecords.Report(requestId));

        var line = (await ReceivedAsync(requestId, 1)).Single();
        line.MsgId.Should().Be("platform");
        line.StructuredData.Should().EndWith("""source="api" duration_ms="245.67" billed_duration_ms="246" memory_size_mb="128" max_memory_used_mb="71" init_duration_ms="180.5" outcome="Success"]""");
        line.Msg.Should().Be($"\uFEFFREPORT RequestId: {requestId}\tDuration: 245.67 ms\tBilled Duration: 246 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\tInit Duration: 180.50 ms");
    }

    [Fact]
    public async Task Tls_ServerSignedByTheConfiguredCa_ReceivesEveryRecordInOrder()
    {
        rsyslog.RequireRunning();
        var requestId = Guid.NewGuid().ToString();
        var records = Enumerable.Range(0, 300).Select(i => TestRecords.Line($"tls line {i:D3}", requestId: requestId)).ToArray();

        var stats = await ForwardAsync(new SyslogForwardConfig { Host = "127.0.0.1", Port = rsyslog.TlsPort, Tls = true, CaFile = rsyslog.CaFile }, records);

        (stats.Delivered, stats.Dropped).Should().Be((300, 0));
        var lines = await ReceivedAsync(requestId, 300);
        lines.Select(l => l.Input).Should().AllBe("tls");
        lines.Select(l => l.Msg).Should().Equal(records.Select(r => "\uFEFF" + r.Message));
    }

    [Fact]
    public async Task Tls_ServerNotSignedByTrustedRoots_DeliversNothingAndSaysWhy()
    {
        rsyslog.RequireRunning();
        var requestId = Guid.NewGuid().ToString();

        // No ca: the system's roots, which do not include the test's private CA.
        var stats = await ForwardAsync(new SyslogForwardConfig { Host = "127.0.0.1", Port = rsyslog.TlsPort, Tls = true }, TimeSpan.FromMilliseconds(500), TestRecords.Line("secret", requestId: requestId));

        (stats.Delivered, stats.DroppedByReason[LogDropReason.Shutdown]).Should().Be((0, 1));
        stats.LastError.Should().Contain("certificate");
        rsyslog.Lines(requestId).Should().BeEmpty();
    }
}

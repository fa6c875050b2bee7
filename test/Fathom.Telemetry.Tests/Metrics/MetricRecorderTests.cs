using Fathom.Runtime.Invocations;
using Fathom.Telemetry.Metrics;
using static Fathom.Telemetry.Tests.Metrics.MetricRecords;

namespace Fathom.Telemetry.Tests.Metrics;

public sealed class MetricRecorderTests : IDisposable
{
    private readonly MetricTestHost _host = new(T0);

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Flush_MixedOutcomes_CountsInvocationsErrorsThrottlesTimeoutsAndColdStarts()
    {
        var at = T0.AddSeconds(1.5);
        _host.Recorder.OfferInvocation(Invocation(at, 10, initMs: 250));
        _host.Recorder.OfferInvocation(Invocation(at, 20));
        _host.Recorder.OfferInvocation(Invocation(at, 30, InvocationOutcome.FunctionError));
        _host.Recorder.OfferInvocation(Invocation(at, 3000, InvocationOutcome.Timeout));
        _host.Recorder.OfferInvocation(Invocation(at, 0, InvocationOutcome.Throttled));

        _host.FlushAt(T0.AddSeconds(5));

        Total("Invocations", "sum").Should().Be(4, "a throttled call never ran");
        Total("Errors", "sum").Should().Be(2, "a timeout is an error too");
        Total("Throttles", "sum").Should().Be(1);
        Total("Timeouts", "sum").Should().Be(1);
        Total("ColdStarts", "sum").Should().Be(1);
        Total("InitDuration", "max").Should().Be(250);
        Total("Duration", "max").Should().Be(3000);
        Total("MaxMemoryUsed", "max").Should().Be(64);
        Total("Errors", "avg").Should().Be(0.5, "the average of Errors is the error rate");
    }

    [Fact]
    public void Flush_OutOfMemoryKill_CountsInOutOfMemoryKillsForTheDefaultAlarm()
    {
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1.5), 10));
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1.5), 900, InvocationOutcome.OutOfMemory));

        _host.FlushAt(T0.AddSeconds(5));

        Total("OutOfMemoryKills", "sum").Should().Be(1);
        Total("Errors", "sum").Should().Be(1);
    }

    [Fact]
    public void Flush_OverlappingInvocations_ConcurrentExecutionsIsTheLargestOverlap()
    {
        // Three invocations overlap between 1.3 s and 1.4 s; a fourth starts after the first ended.
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1.4), 300));
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1.6), 500));
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1.5), 200));
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1.9), 400, qualifier: "canary"));

        _host.FlushAt(T0.AddSeconds(5));

        var seconds = _host.Query("ConcurrentExecutions", "max", TimeSpan.FromSeconds(1), T0, T0.AddSeconds(5));
        seconds.Series.Single().Points.Should().Equal(new MetricPoint(T0.AddSeconds(1), 3));
    }

    [Fact]
    public void Flush_InvocationLongerThanTheLag_CountsInTheSecondsAlreadyWritten()
    {
        // A short call in second 3 is written while a long one (1.0 s to 6.5 s) is still running; the long one then
        // completes and raises every second it ran through, including the minute's maximum.
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(3.6), 200));
        for (var s = 2; s <= 6; s++)
        {
            _host.FlushAt(T0.AddSeconds(s));
        }

        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(6.5), 5500));
        _host.FlushAt(T0.AddSeconds(10));

        var seconds = _host.Query("ConcurrentExecutions", "max", TimeSpan.FromSeconds(1), T0, T0.AddSeconds(10)).Series.Single().Points;
        seconds.Select(p => (p.Time.Second, p.Value)).Should().Equal((1, 1), (2, 1), (3, 2), (4, 1), (5, 1), (6, 1));
        Total("ConcurrentExecutions", "max").Should().Be(2);
    }

    [Fact]
    public void Flush_LateInvocationsStartingAfterAShortOne_RecomputeTheSecondInsteadOfAddingToIt()
    {
        // Second 1: a short call until 1.5 s, then three long ones from 1.9 s that complete after second 1 was written.
        // Never more than three ran at once.
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1.5), 400));
        _host.FlushAt(T0.AddSeconds(3));
        for (var i = 0; i < 3; i++)
        {
            _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(4.9), 3000));
        }

        _host.FlushAt(T0.AddSeconds(6));

        var seconds = _host.Query("ConcurrentExecutions", "max", TimeSpan.FromSeconds(1), T0, T0.AddSeconds(10)).Series.Single().Points;
        seconds.Select(p => (p.Time.Second, p.Value)).Should().Equal((1, 3), (2, 3), (3, 3), (4, 3));
        Total("ConcurrentExecutions", "max").Should().Be(3);
    }

    [Fact]
    public void Query_UptimeProbes_AreCountedApartFromClientTraffic()
    {
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1), 5));
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1), 5, source: "uptime"));
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1), 5, source: "uptime"));
        _host.Recorder.OfferRequest(Request(T0.AddSeconds(1), 200, 7, source: "uptime"));
        _host.Recorder.OfferRequest(Request(T0.AddSeconds(1), 503, 9));

        _host.FlushAt(T0.AddSeconds(5));

        Total("Invocations", "sum").Should().Be(1);
        Total("Invocations", "sum", source: "uptime").Should().Be(2);
        Total("Requests", "sum").Should().Be(1);
        Total("5xx", "sum").Should().Be(1);
        Total("Requests", "sum", source: "uptime").Should().Be(1);
        Total("5xx", "sum", source: "uptime").Should().Be(0);
    }

    [Fact]
    public void Query_OneVersion_LeavesTheOtherOut()
    {
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1), 5, version: "1"));
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1), 5, InvocationOutcome.FunctionError, version: "2"));
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(2), 5, InvocationOutcome.FunctionError, version: "2"));

        _host.FlushAt(T0.AddSeconds(5));

        Total("Errors", "sum", version: "2").Should().Be(2);
        Total("Errors", "sum", version: "1").Should().Be(0);
        Total("Invocations", "sum").Should().Be(3);
    }

    [Fact]
    public void Flush_SecondsStillOpen_AreNotWrittenYet()
    {
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(4.5), 5));

        _host.FlushAt(T0.AddSeconds(5));

        Total("Invocations", "sum").Should().BeNull("second 4 closes at 5 s and stays open for the lag");
        _host.FlushAt(T0.AddSeconds(6));
        Total("Invocations", "sum").Should().Be(1);
    }

    private double? Total(string metric, string stat, string? version = null, string? source = null) =>
        _host.Query(metric, stat, TimeSpan.FromMinutes(1), T0, T0.AddMinutes(1), version, source, total: true).Series.SingleOrDefault()?.Total;
}

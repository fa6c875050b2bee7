using static Fathom.Telemetry.Tests.Metrics.MetricRecords;

namespace Fathom.Telemetry.Tests.Metrics;

/// <summary>The kill -9 property: what a flush acknowledged is in the file, at every resolution, whatever happens next;
/// a restart carries on the open minute instead of overwriting it.</summary>
public sealed class MetricCrashTests : IDisposable
{
    private readonly MetricTestHost _host = new(T0);

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Restart_WithoutShutdown_KeepsEveryFlushedSecondAndItsMinute()
    {
        for (var s = 0; s < 20; s++)
        {
            _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(s + 0.5), 100));
        }

        _host.FlushAt(T0.AddSeconds(17));
        var written = _host.Recorder.Stats.PointsWritten;
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(17.5), 100));

        _host.Restart();

        written.Should().BeGreaterThan(0);
        var seconds = _host.Query("Invocations", "sum", TimeSpan.FromSeconds(1), T0, T0.AddMinutes(1)).Series.Single().Points;
        seconds.Should().HaveCount(16, "seconds 0-15 were closed for a second and written; 16 onwards were still open");
        _host.Query("Invocations", "sum", TimeSpan.FromMinutes(1), T0, T0.AddMinutes(1)).Series.Single().Points.Single().Value.Should().Be(16);
    }

    [Fact]
    public void Restart_MidMinute_TheMinuteKeepsWhatCameBeforeAndAddsWhatCameAfter()
    {
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(3), 10));
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(3), 30));
        _host.FlushAt(T0.AddSeconds(10));

        _host.Restart();
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(40), 20));
        _host.FlushAt(T0.AddSeconds(50));

        var minute = _host.Query("Duration", "max", TimeSpan.FromMinutes(1), T0, T0.AddMinutes(1), total: true).Series.Single();
        minute.Total.Should().Be(30);
        _host.Query("Invocations", "sum", TimeSpan.FromMinutes(1), T0, T0.AddMinutes(1)).Series.Single().Points.Single().Value.Should().Be(3);
        _host.Query("Duration", "p50", TimeSpan.FromMinutes(1), T0, T0.AddMinutes(1)).Series.Single().Points.Single().Value
            .Should().BeApproximately(20, 0.2, "the minute's histogram holds the values from both runs");
        _host.Query("Invocations", "sum", TimeSpan.FromHours(1), T0, T0.AddHours(1)).Series.Single().Points.Single().Value.Should().Be(3);
    }
}

using Fathom.Telemetry.Metrics;
using static Fathom.Telemetry.Tests.Metrics.MetricRecords;

namespace Fathom.Telemetry.Tests.Metrics;

public sealed class MetricRollupTests : IDisposable
{
    private readonly MetricTestHost _host = new(T0);

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Query_PercentileOverMinutes_MergesHistogramsInsteadOfAveragingPercentiles()
    {
        // Minute 1: 100 fast calls; minute 2: 100 slow ones. The median of the 200 is the 100th sorted value, a fast
        // call, while the average of the two minutes' medians would be ~505 ms.
        for (var i = 0; i < 100; i++)
        {
            _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(10 + (i % 40)), 10));
        }

        for (var i = 0; i < 100; i++)
        {
            _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(70 + (i % 40)), 1000));
        }

        _host.FlushAt(T0.AddMinutes(3));

        var perMinute = _host.Query("Duration", "p50", TimeSpan.FromMinutes(1), T0, T0.AddMinutes(2)).Series.Single().Points;
        var twoMinutes = _host.Query("Duration", "p50", TimeSpan.FromMinutes(2), T0, T0.AddMinutes(2)).Series.Single().Points;
        var p99 = _host.Query("Duration", "p99", TimeSpan.FromMinutes(2), T0, T0.AddMinutes(2)).Series.Single().Points;

        perMinute.Should().HaveCount(2);
        perMinute[0].Value.Should().BeApproximately(10, 0.1, "each minute's own median, within the histogram's 1 %");
        perMinute[1].Value.Should().Be(1000, "a percentile never reads above the largest value recorded");
        twoMinutes.Single().Value.Should().BeApproximately(10, 0.1, "the 100th of 200 sorted durations is still a 10 ms call, not the ~505 ms average of the minutes' medians");
        p99.Single().Value.Should().Be(1000);
    }

    [Fact]
    public void Query_SameRangeFromSecondsMinutesAndHours_AgreesExactly()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(random.Next(0, 170)), random.Next(1, 2000)));
        }

        _host.FlushAt(T0.AddMinutes(4));

        foreach (var stat in new[] { "sum", "count", "avg", "min", "max", "p50", "p90", "p99", "p99.9" })
        {
            var fromSeconds = _host.Query("Duration", stat, TimeSpan.FromSeconds(3600), T0, T0.AddHours(1)).Series.Single().Points.Single().Value;
            var fromMinutes = _host.Query("Duration", stat, TimeSpan.FromMinutes(60), T0, T0.AddHours(1)).Series.Single().Points.Single().Value;
            var fromHours = _host.Query("Duration", stat, TimeSpan.FromHours(1), T0, T0.AddHours(1)).Series.Single().Points.Single().Value;
            fromMinutes.Should().BeApproximately(fromHours, 1e-6, stat);
            fromSeconds.Should().BeApproximately(fromHours, 1e-6, stat);
        }
    }

    [Fact]
    public void Query_PeriodOfAnHour_ReadsTheHourRollup()
    {
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1), 5));

        _host.FlushAt(T0.AddSeconds(5));

        var result = _host.Query("Invocations", "sum", TimeSpan.FromHours(1), T0, T0.AddHours(1));
        result.Resolution.Should().Be(TimeSpan.FromHours(1));
        result.Series.Single().Points.Should().Equal(new MetricPoint(T0, 1));
    }

    [Fact]
    public void RetentionRunOnce_PointsPastTheirResolutionsRetention_AreDeletedFinerFirst()
    {
        _host.Recorder.OfferInvocation(Invocation(T0.AddSeconds(1), 5));
        _host.FlushAt(T0.AddSeconds(5));
        var retention = new MetricRetentionService(_host.Store, _host.Options, _host.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<MetricRetentionService>.Instance);

        _host.Time.Advance(TimeSpan.FromHours(2));
        retention.RunOnce().Should().Be(8, "the second's eight function metrics (a warm call has no InitDuration), from the 1-second table only");

        _host.Query("Invocations", "sum", TimeSpan.FromSeconds(1), T0, T0.AddMinutes(1)).Series.Single().Points.Should().BeEmpty();
        _host.Query("Invocations", "sum", TimeSpan.FromMinutes(1), T0, T0.AddMinutes(1)).Series.Single().Points.Should().ContainSingle();
    }
}

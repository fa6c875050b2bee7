using Fathom.Telemetry.Metrics;
using static Fathom.Telemetry.Tests.Metrics.MetricRecords;

namespace Fathom.Telemetry.Tests.Metrics;

public sealed class EmfRecordingTests : IDisposable
{
    private readonly MetricTestHost _host = new(T0);

    public void Dispose() => _host.Dispose();

    [Fact]
    public void OfferLine_EmfLines_BecomeQueryableMetricsInTheCatalog()
    {
        var line = """{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"Shop","Dimensions":[["service"]],"Metrics":[{"Name":"Orders","Unit":"Count"}]}]},"service":"checkout","Orders":[2,3]}""";
        _host.Recorder.OfferLine(Line(T0.AddSeconds(1), line));
        _host.Recorder.OfferLine(Line(T0.AddSeconds(2), line));

        _host.FlushAt(T0.AddSeconds(5));

        var series = _host.Store.Query(new MetricQuery { Function = "orders", Metric = "Orders", Namespace = "Shop", Stats = ["sum", "max"], Start = T0, End = T0.AddMinutes(1), IncludeTotal = true }).Series;
        series.Select(s => (s.Stat, s.Total, s.Unit)).Should().Equal(("sum", 10, "Count"), ("max", 3, "Count"));
        series[0].Dimensions.Should().Equal(new Dictionary<string, string> { ["service"] = "checkout" });
        var entry = _host.Store.Catalog(function: "orders").Should().ContainSingle(e => e.Kind == "emf").Subject;
        (entry.Namespace, entry.Metric, entry.Unit, entry.Versions.Single()).Should().Be(("Shop", "Orders", "Count", "1"));
    }

    [Fact]
    public void OfferLine_InvalidEmf_IsIgnoredAndCountedAsADrop()
    {
        _host.Recorder.OfferLine(Line(T0.AddSeconds(1), """{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"Shop","Dimensions":[],"Metrics":[{"Name":"Orders"}]}]}}"""));
        _host.Recorder.OfferLine(Line(T0.AddSeconds(1), """{"message":"an ordinary JSON line"}"""));

        _host.FlushAt(T0.AddSeconds(5));

        _host.Recorder.Stats.EmfInvalid.Should().Be(1);
        _host.Recorder.Stats.EmfLines.Should().Be(0);
        _host.Drops.Snapshot().Should().Equal(new Fathom.Telemetry.Ingest.TelemetryDropCount("orders", MetricRecorder.EmfInvalid, 1));
        _host.Store.Catalog().Should().BeEmpty();
    }
}

using Fathom.Telemetry.Metrics.Prometheus;

namespace Fathom.Telemetry.Tests.Metrics.Prometheus;

public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void Family_WrittenTwice_Throws()
    {
        var writer = new PrometheusTextWriter();
        writer.Family("fathom_x_total", "counter", "x");

        var again = () => writer.Family("fathom_x_total", "counter", "x");

        again.Should().Throw<InvalidOperationException>("Prometheus rejects a scrape with two TYPE lines for one family");
    }

    [Fact]
    public void Family_HelpWithBackslashAndLineFeed_StaysOneLine()
    {
        var writer = new PrometheusTextWriter();
        writer.Family("fathom_x", "gauge", "a\\b\nc");
        writer.Sample([], 1);

        var scrape = Exposition.Parse(writer.ToString());

        scrape.Families["fathom_x"].Help.Should().Be("a\\b\nc");
    }

    [Theory]
    [InlineData(0.005, "0.005")]
    [InlineData(30, "30")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(123456789012, "123456789012")]
    public void Number_AsPrometheusParsesIt(double value, string expected) =>
        PrometheusTextWriter.Number(value).Should().Be(expected);
}

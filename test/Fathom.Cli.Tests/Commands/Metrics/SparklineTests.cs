using Fathom.Cli.Commands.Metrics;

namespace Fathom.Cli.Tests.Commands.Metrics;

public sealed class SparklineTests
{
    [Fact]
    public void Render_Values_ScaleFromZeroToTheLargestWithBlanksForNoData() =>
        Sparkline.Render([0, 5, 10, null, 10], 60).Should().Be("▁▅█ █");

    [Fact]
    public void Render_MorePeriodsThanCells_EachCellShowsTheLargestOfItsGroup()
    {
        double?[] values = [.. Enumerable.Range(0, 120).Select(i => i == 61 ? 8.0 : 1.0)];

        var line = Sparkline.Render(values, 60);

        line.Should().HaveLength(60);
        line[30].Should().Be('█', "the spike in period 61 falls in cell 30");
        line.Count(c => c == '█').Should().Be(1);
    }

    [Fact]
    public void Render_FlatBusySeries_IsNotDrawnAsEmpty() =>
        Sparkline.Render([7, 7, 7], 60).Should().Be("███");
}

using Fathom.Telemetry.Metrics.Emf;

namespace Fathom.Telemetry.Tests.Metrics;

public sealed class EmfParserTests
{
    // Printed by @aws-lambda-powertools/metrics 2.36.0: two Orders values, one dimension added to the service's.
    private const string Powertools = """{"_aws":{"Timestamp":1796665738063,"CloudWatchMetrics":[{"Namespace":"Shop","Dimensions":[["service","channel"]],"Metrics":[{"Name":"Orders","Unit":"Count"},{"Name":"BasketValue","Unit":"Milliseconds"}]}]},"service":"checkout","channel":"web","Orders":[2,3],"BasketValue":41.5}""";

    [Fact]
    public void Parse_PowertoolsLine_GivesEveryValueWithNamespaceUnitAndSortedDimensions()
    {
        var values = EmfParser.Parse(Powertools, out var error);

        error.Should().BeNull();
        values.Should().Equal(
            new EmfValue("Shop", "Orders", "Count", """{"channel":"web","service":"checkout"}""", 2),
            new EmfValue("Shop", "Orders", "Count", """{"channel":"web","service":"checkout"}""", 3),
            new EmfValue("Shop", "BasketValue", "Milliseconds", """{"channel":"web","service":"checkout"}""", 41.5));
    }

    [Fact]
    public void Parse_TwoDimensionSetsAndNoUnit_RecordsTheValueUnderEachSetAsNone()
    {
        var line = """{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[[],["region"]],"Metrics":[{"Name":"Hits","StorageResolution":1}]}]},"region":"eu","Hits":4}""";

        var values = EmfParser.Parse(line, out _);

        values.Should().Equal(new EmfValue("N", "Hits", "None", "{}", 4), new EmfValue("N", "Hits", "None", """{"region":"eu"}""", 4));
    }

    [Theory]
    [InlineData("""{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[],"Metrics":[{"Name":"Hits"}]}]}}""", "Hits")]
    [InlineData("""{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[],"Metrics":[{"Name":"Hits","Unit":"Parsecs"}]}]},"Hits":1}""", "Unit")]
    [InlineData("""{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[["region"]],"Metrics":[{"Name":"Hits"}]}]},"Hits":1}""", "region")]
    [InlineData("""{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[],"Metrics":[{"Name":"Hits"}]}]},"Hits":"many"}""", "Hits")]
    [InlineData("""{"_aws":{"CloudWatchMetrics":[]}}""", "Timestamp")]
    [InlineData("""{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Dimensions":[],"Metrics":[]}]}}""", "Namespace")]
    [InlineData("""{"_aws": [1, 2""", "JSON")]
    public void Parse_LineBreakingTheFormat_IsInvalidWithTheReason(string line, string reason)
    {
        var values = EmfParser.Parse(line, out var error);

        values.Should().BeNull();
        error.Should().Contain(reason);
    }

    [Theory]
    [InlineData("""{"message":"no metrics here"}""", false)]
    [InlineData("plain text mentioning \"_aws\"", false)]
    [InlineData(Powertools, true)]
    public void MayBeEmf_OnlyJsonObjectsNamingAws_AreParsed(string line, bool expected) =>
        EmfParser.MayBeEmf(line).Should().Be(expected);
}

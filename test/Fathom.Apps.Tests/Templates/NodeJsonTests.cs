using System.Text.Json;
using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Tests.Templates;

public sealed class NodeJsonTests
{
    [Fact]
    public void ToJson_PlainNumbersAndBooleans_KeepTheirType_QuotedStayText()
    {
        var node = TemplateReader.ReadText("a: 12\nb: '12'\nc: true\nd: 1.\ne: 007\nf: -2.5e3\ng: ~\nh: [x]\n", "t.yaml", new DiagnosticBag())!;

        var json = NodeJson.ToJson(node);

        json.GetProperty("a").ValueKind.Should().Be(JsonValueKind.Number);
        json.GetProperty("b").GetString().Should().Be("12");
        json.GetProperty("c").GetBoolean().Should().BeTrue();
        json.GetProperty("d").GetString().Should().Be("1.");
        json.GetProperty("e").GetString().Should().Be("007");
        json.GetProperty("f").GetDouble().Should().Be(-2500);
        json.GetProperty("g").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("h")[0].GetString().Should().Be("x");
    }
}

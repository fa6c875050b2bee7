using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Tests.Templates;

public sealed class TemplateReaderTests
{
    private static (TemplateNode? Node, DiagnosticBag Diagnostics) Read(string text)
    {
        var diagnostics = new DiagnosticBag();
        return (TemplateReader.ReadText(text, "t.yaml", diagnostics), diagnostics);
    }

    [Fact]
    public void ReadText_ShortFormTags_BecomeLongForms()
    {
        var (node, diagnostics) = Read("""
            a: !Ref Thing
            b: !GetAtt Queue.Arn
            c: !Sub '${AWS::Region}'
            d: !If [Cond, x, y]
            e: !Condition IsProd
            """);

        diagnostics.HasErrors.Should().BeFalse();
        var map = (MappingNode)node!;
        ((MappingNode)map["a"]!).IsIntrinsic(out var refName, out var refArg).Should().BeTrue();
        refName.Should().Be("Ref");
        ((ScalarNode)refArg).Value.Should().Be("Thing");
        ((MappingNode)map["b"]!).IsIntrinsic(out var getAtt, out var getAttArg).Should().BeTrue();
        getAtt.Should().Be("Fn::GetAtt");
        ((SequenceNode)getAttArg).Items.Cast<ScalarNode>().Select(s => s.Value).Should().Equal("Queue", "Arn");
        ((MappingNode)map["c"]!).Entries[0].Name.Should().Be("Fn::Sub");
        ((MappingNode)map["d"]!).Entries[0].Name.Should().Be("Fn::If");
        ((MappingNode)map["e"]!).Entries[0].Name.Should().Be("Condition");
    }

    [Fact]
    public void ReadText_Nodes_KeepLineAndColumn()
    {
        var (node, _) = Read("Resources:\n  Fn:\n    Type: X\n");

        var resources = (MappingNode)((MappingNode)node!)["Resources"]!;
        var entry = resources.Find("Fn")!;
        entry.Key.Location.Should().Be(new SourceLocation("t.yaml", 2, 3));
        ((MappingNode)entry.Value)["Type"]!.Location.Should().Be(new SourceLocation("t.yaml", 3, 11));
    }

    [Fact]
    public void ReadText_Json_IsReadWithLocations()
    {
        var (node, diagnostics) = Read("{\n  \"Resources\": {\n    \"A\": { \"Type\": \"AWS::SQS::Queue\", \"Properties\": { \"DelaySeconds\": 5 } }\n  }\n}");

        diagnostics.HasErrors.Should().BeFalse();
        var a = (MappingNode)((MappingNode)((MappingNode)node!)["Resources"]!)["A"]!;
        ((ScalarNode)a["Type"]!).Value.Should().Be("AWS::SQS::Queue");
        a["Type"]!.Location.Line.Should().Be(3);
    }

    [Fact]
    public void ReadText_DuplicateKey_IsAnErrorAtTheSecondKey()
    {
        var (_, diagnostics) = Read("a: 1\nb: 2\na: 3\n");

        diagnostics.Errors.Should().ContainSingle().Which.Should().Be(new Diagnostic("t.yaml", 3, 1, "duplicate key 'a'", DiagnosticSeverity.Error));
    }

    [Fact]
    public void ReadText_QuotedAndPlainScalars_AreDistinguished()
    {
        var (node, _) = Read("a: '128'\nb: 128\nc: ~\n");

        var map = (MappingNode)node!;
        ((ScalarNode)map["a"]!).IsQuoted.Should().BeTrue();
        ((ScalarNode)map["b"]!).IsQuoted.Should().BeFalse();
        ((ScalarNode)map["c"]!).IsNull.Should().BeTrue();
    }

    [Fact]
    public void ReadText_EmptyDocument_IsAnError()
    {
        var (node, diagnostics) = Read(string.Empty);

        node.Should().BeNull();
        diagnostics.Errors.Should().ContainSingle().Which.Message.Should().Be("the file is empty");
    }

    [Fact]
    public void ReadText_TwoDocuments_IsAnError()
    {
        var (_, diagnostics) = Read("a: 1\n---\nb: 2\n");

        diagnostics.Errors.Should().ContainSingle().Which.Message.Should().Contain("second one");
    }
}

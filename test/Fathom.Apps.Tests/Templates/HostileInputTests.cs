using System.Text;
using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Tests.Templates;

public sealed class HostileInputTests
{
    [Fact]
    public void ReadText_AliasBomb_IsRefused()
    {
        // The "billion laughs": each level references the previous one nine times.
        var text = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            text.Append($"{level}: &{level} [{string.Join(", ", Enumerable.Repeat($"*{previous}", 9))}]\n");
        }

        var diagnostics = new DiagnosticBag();
        var node = TemplateReader.ReadText(text.ToString(), "bomb.yaml", diagnostics);

        node.Should().BeNull();
        diagnostics.Errors.Should().ContainSingle().Which.Message.Should().Contain("expands to more than").And.Contain("aliases");
    }

    [Fact]
    public void ReadText_DeepNesting_IsRefused()
    {
        var text = new string('[', 5000) + new string(']', 5000);

        var diagnostics = new DiagnosticBag();
        var node = TemplateReader.ReadText(text, "deep.yaml", diagnostics);

        node.Should().BeNull();
        diagnostics.Errors.Should().ContainSingle().Which.Message.Should().Be("nesting is deeper than 100 levels");
    }

    [Fact]
    public void ReadFile_TooLarge_IsRefusedBeforeParsing()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("template.yaml", "Description: '" + new string('x', 6 * 1024 * 1024) + "'\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("the file is 6.0 MB; the limit is 5 MB");
        result.Errors[0].Line.Should().Be(0);
        File.Exists(path).Should().BeTrue();
    }

    [Fact]
    public void Load_AliasBombInTemplate_FailsWithAnErrorInsteadOfHanging()
    {
        using var temp = new TempDirectory();
        var text = new StringBuilder("Transform: AWS::Serverless-2016-10-31\nMetadata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            text.Append($"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*l{i - 1}", 10))}]\n");
        }

        temp.Write("template.yaml", text.ToString());

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("refusing to read it");
    }

    [Fact]
    public void ReadText_InputThatCrashesYamlDotNetsScanner_IsAnError()
    {
        // YamlDotNet throws InvalidOperationException (not YamlException) for this document.
        var diagnostics = new DiagnosticBag();

        var node = TemplateReader.ReadText(": \n  : [{/\nn", "t.yaml", diagnostics);

        node.Should().BeNull();
        diagnostics.Errors.Should().ContainSingle().Which.Message.Should().StartWith("invalid YAML");
    }
}

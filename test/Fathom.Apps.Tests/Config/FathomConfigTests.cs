namespace Fathom.Apps.Tests.Config;

public sealed class FathomConfigTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: exports.handler = async () => 1;
              Handler: index.handler
              Runtime: nodejs20.x
        """;

    [Fact]
    public void Load_NoConfigFile_GivesDefaults()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Model!.Config.Path.Should().BeNull();
        result.Model.Config.Runtime.Node.Should().BeNull();
    }

    [Fact]
    public void Load_EmptyConfigFile_IsAccepted()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "# nothing yet\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Should().BeEmpty();
        result.Model!.Config.Path.Should().Be(Path.Combine(temp.Path, "fathom.yaml"));
    }

    [Fact]
    public void Load_RuntimeSection_IsRead()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "runtime:\n  node: /opt/node/bin/node\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Model!.Config.Runtime.Node.Should().Be("/opt/node/bin/node");
    }

    [Fact]
    public void Load_UnknownKeysAndSections_AreErrorsWithLocations()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "runtime:\n  nod: node20\nalerts:\n  email: x\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Select(e => (Path.GetFileName(e.File), e.Line, e.Column, e.Message)).Should().Equal(
            ("fathom.yaml", 2, 3, "unknown setting 'runtime.nod'; did you mean 'node'?"),
            ("fathom.yaml", 3, 1, "unknown section 'alerts' in fathom.yaml; known sections: runtime"));
    }

    [Fact]
    public void Load_WrongShape_IsAnError()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "runtime:\n  node: [a, b]\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Should().ContainSingle().Which.Message.Should().Be("'runtime.node' must be a string, not a list");
    }
}

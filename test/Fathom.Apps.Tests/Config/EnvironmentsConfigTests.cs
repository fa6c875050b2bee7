namespace Fathom.Apps.Tests.Config;

public sealed class EnvironmentsConfigTests
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
    public void Load_EnvironmentsSection_GivesEachEnvironmentsParametersAndPort()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "environments:\n  prod:\n    parameters:\n      Stage: prod\n    port: 8080\n  staging: {}\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Should().BeEmpty();
        var environments = result.Model!.Config.Environments;
        environments["prod"].Parameters["Stage"].Should().Be("prod");
        environments["prod"].Port.Should().Be(8080);
        environments["staging"].Port.Should().BeNull();
    }

    [Fact]
    public void Load_UnknownEnvironmentSetting_IsAnErrorWithItsLocation()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "environments:\n  prod:\n    prot: 8080\n");

        var config = AppLoader.LoadConfig(temp.Path, out var errors);

        config.Environments.Should().ContainKey("prod");
        errors.Should().ContainSingle().Which.ToString().Should().Match("*fathom.yaml:3:5: error: unknown setting 'environments.prod.prot'*");
    }

    [Fact]
    public void Load_PortOutOfRange_IsAnError()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "environments:\n  prod:\n    port: 70000\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("'environments.prod.port' must be a whole number from 1 to 65535");
    }
}

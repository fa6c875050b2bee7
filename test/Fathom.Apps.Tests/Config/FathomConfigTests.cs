using Fathom.Apps.Config;

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
            ("fathom.yaml", 3, 1, "unknown section 'alerts' in fathom.yaml; did you mean 'alarms'?; known sections: runtime, logs, alarms, notifications, api, environments"));
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

    [Fact]
    public void Load_RuntimeLimits_AreRead()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "runtime:\n  maxEnvironments: 4\n  idleTimeout: 30s\n  queueLength: 0\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Should().BeEmpty();
        result.Model!.Config.Runtime.Should().Be(new RuntimeConfig { MaxEnvironments = 4, IdleTimeout = TimeSpan.FromSeconds(30), QueueLength = 0 });
    }

    [Fact]
    public void Load_RuntimeLimitsLeftOut_AreNullSoTheRuntimeDefaultsApply()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "runtime:\n  node: node\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        var runtime = result.Model!.Config.Runtime;
        (runtime.MaxEnvironments, runtime.IdleTimeout, runtime.QueueLength).Should().Be((null, null, null));
    }

    [Theory]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2m15s", 135_000)]
    [InlineData("1500ms", 1_500)]
    [InlineData("24h", 86_400_000)]
    public void Load_IdleTimeoutWithUnits_IsRead(string text, long milliseconds)
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", $"runtime:\n  idleTimeout: {text}\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Should().BeEmpty();
        result.Model!.Config.Runtime.IdleTimeout.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("maxEnvironments: 0", 2, 20, "'runtime.maxEnvironments' must be a whole number from 1 to 1024, not '0'")]
    [InlineData("maxEnvironments: two", 2, 20, "'runtime.maxEnvironments' must be a whole number from 1 to 1024, not 'two'")]
    [InlineData("maxEnvironments: 2.5", 2, 20, "'runtime.maxEnvironments' must be a whole number from 1 to 1024, not '2.5'")]
    [InlineData("queueLength: -1", 2, 16, "'runtime.queueLength' must be a whole number from 0 to 100000, not '-1'")]
    [InlineData("idleTimeout: 300", 2, 16, "'runtime.idleTimeout' must be a duration such as 30s, 5m or 1h (from 1s to 24h), not '300'")]
    [InlineData("idleTimeout: 5 minutes", 2, 16, "'runtime.idleTimeout' must be a duration such as 30s, 5m or 1h (from 1s to 24h), not '5 minutes'")]
    [InlineData("idleTimeout: 30s5m", 2, 16, "'runtime.idleTimeout' must be a duration such as 30s, 5m or 1h (from 1s to 24h), not '30s5m'")]
    [InlineData("idleTimeout: 500ms", 2, 16, "'runtime.idleTimeout' must be from 1s to 24h, not '500ms'")]
    [InlineData("idleTimeout: 25h", 2, 16, "'runtime.idleTimeout' must be from 1s to 24h, not '25h'")]
    [InlineData("idleTimeout: [5m]", 2, 16, "'runtime.idleTimeout' must be a string, not a list")]
    public void Load_InvalidRuntimeLimit_IsAnErrorAtItsValue(string setting, int line, int column, string message)
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", $"runtime:\n  {setting}\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => (Path.GetFileName(e.File), e.Line, e.Column, e.Message)).Should().Equal(("fathom.yaml", line, column, message));
    }

    [Fact]
    public void Load_MisspelledRuntimeLimit_SuggestsTheKnownKey()
    {
        using var temp = new TempDirectory();
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", "runtime:\n  maxEnvironment: 4\n  idleTimeOut: 5m\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (2, 3, "unknown setting 'runtime.maxEnvironment'; did you mean 'maxEnvironments'?"),
            (3, 3, "unknown setting 'runtime.idleTimeOut'; did you mean 'idleTimeout'?"));
    }
}

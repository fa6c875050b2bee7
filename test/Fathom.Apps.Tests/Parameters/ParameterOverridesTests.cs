using Fathom.Apps.Parameters;

namespace Fathom.Apps.Tests.Parameters;

public sealed class ParameterOverridesTests
{
    [Fact]
    public void Parse_BothSamForms_AreAccepted()
    {
        var values = ParameterOverrides.Parse(["Stage=prod", "ParameterKey=Url,ParameterValue=https://x/?a=b", "Empty="], out var errors);

        errors.Should().BeEmpty();
        values.Should().Equal(new Dictionary<string, string> { ["Stage"] = "prod", ["Url"] = "https://x/?a=b", ["Empty"] = string.Empty });
    }

    [Fact]
    public void Parse_OneTokenWithSeveralPairs_SplitsLikeSamCli()
    {
        var values = ParameterOverrides.Parse(["Stage=prod Name=\"two words\" ParameterKey=Quote,ParameterValue=\"say \\\"hi\\\"\""], out var errors);

        errors.Should().BeEmpty();
        values.Should().Equal(new Dictionary<string, string> { ["Stage"] = "prod", ["Name"] = "two words", ["Quote"] = "say \"hi\"" });
    }

    [Fact]
    public void Parse_MalformedToken_IsReported()
    {
        ParameterOverrides.Parse(["Stage"], out var errors);

        errors.Should().ContainSingle().Which.Should().Be("'Stage' should look like Name=value");
    }

    [Fact]
    public void Load_UnknownOverride_IsAWarningWithAHint()
    {
        var result = AppLoader.Load(TestAssets.Valid("intrinsics"), new AppLoadOptions { ParameterOverrides = new Dictionary<string, string> { ["Stag"] = "prod" } });

        result.Succeeded.Should().BeTrue();
        result.Warnings.Should().Contain(w => w.Message == "parameter override 'Stag' matches no parameter in the template; did you mean 'Stage'?");
    }

    [Fact]
    public void Load_NumberParameter_RejectsText()
    {
        var result = AppLoader.Load(TestAssets.Valid("intrinsics"), new AppLoadOptions { ParameterOverrides = new Dictionary<string, string> { ["Memory"] = "big" } });

        result.Errors[0].Message.Should().Be("parameter 'Memory' is a Number but its value 'big' (from --parameter-overrides) is not a number");
        result.Errors[0].Line.Should().Be(13);
    }
}

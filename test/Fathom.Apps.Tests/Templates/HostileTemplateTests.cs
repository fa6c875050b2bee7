namespace Fathom.Apps.Tests.Templates;

/// <summary>Every template in the corpus loads within a deadline, without an exception: a valid one into a model, a
/// broken one into errors that each say file:line:col.</summary>
public sealed class HostileTemplateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Names() => [.. HostileTemplateCorpus.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Load_HostileTemplate_GivesAModelOrLocatedErrorsNeverACrash(string name)
    {
        var (bytes, expectedError) = HostileTemplateCorpus.All[name];
        using var temp = new TempDirectory();
        HostileTemplates.WriteApp(temp.Path, "");
        await File.WriteAllBytesAsync(temp.Combine("template.yaml"), bytes, TestContext.Current.CancellationToken);

        var result = await Task.Run(() => AppLoader.Load(temp.Path, AppLoadOptions.Default), TestContext.Current.CancellationToken)
            .WaitAsync(Deadline, TestContext.Current.CancellationToken);

        if (expectedError is null)
        {
            result.Errors.Should().BeEmpty();
            result.Succeeded.Should().BeTrue();
            return;
        }

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Message.Contains(expectedError, StringComparison.Ordinal));
        result.Errors.Where(e => !(name == "an empty file" && e.Line == 0))
            .Should().AllSatisfy(e => e.ToString().Should().MatchRegex(@"template\.yaml:[1-9]\d*:[1-9]\d*: error: "));
    }

    [Fact]
    public void Load_InvalidUtf8InTemplate_IsAnErrorAtItsLineAndColumn()
    {
        using var temp = new TempDirectory();
        HostileTemplates.WriteApp(temp.Path, "");
        File.WriteAllBytes(temp.Combine("template.yaml"), [.. "Transform: AWS::Serverless-2016-10-31\nDescription: caf"u8, 0xFF, .. "\nResources: {}\n"u8]);

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        var error = result.Errors.Should().ContainSingle().Subject;
        (error.Line, error.Column).Should().Be((2, 17));
        error.Message.Should().Be("invalid UTF-8: byte 0xFF does not start or continue a character here; a template must be UTF-8 text");
    }

    [Fact]
    public void Load_UnknownIntrinsicFunction_IsAnErrorAtItsLocation()
    {
        using var temp = new TempDirectory();
        HostileTemplates.WriteApp(temp.Path, "Transform: AWS::Serverless-2016-10-31\nResources:\n" + HostileTemplates.Function()
            + "  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName:\n        Fn::Bogus: [a, b]\n");

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        var error = result.Errors.Should().ContainSingle().Subject;
        (error.Line, error.Column).Should().Be((10, 9));
        error.Message.Should().Be("unknown intrinsic function 'Fn::Bogus'");
    }

    [Fact]
    public void Load_EvaluationDeeperThanTheLimit_IsAnErrorNotAStackOverflow()
    {
        using var temp = new TempDirectory();
        HostileTemplates.WriteApp(temp.Path, "Transform: AWS::Serverless-2016-10-31\nResources:\n" + HostileTemplates.Function()
            + "  T:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Join ['', [!Join ['', [!Join ['', [x]]]]]]}\n");

        var result = AppLoader.Load(temp.Path, new AppLoadOptions { Limits = Apps.Templates.TemplateLimits.Default with { MaxEvaluationDepth = 4 } });

        result.Errors.Should().ContainSingle().Which.Message.Should().Be("evaluating this value goes deeper than 4 levels of nested functions and references; refusing to go on");
    }
}

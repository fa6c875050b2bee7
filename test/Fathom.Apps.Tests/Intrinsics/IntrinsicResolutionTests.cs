namespace Fathom.Apps.Tests.Intrinsics;

public sealed class IntrinsicResolutionTests
{
    private static AppLoadResult LoadIntrinsics(string stage = "dev") =>
        AppLoader.Load(TestAssets.Valid("intrinsics"), new AppLoadOptions { ParameterOverrides = new Dictionary<string, string> { ["Stage"] = stage } });

    [Theory]
    [InlineData("REF_PARAM", "dev")]
    [InlineData("REF_PSEUDO_REGION", "us-east-1")]
    [InlineData("REF_PSEUDO_ACCOUNT", "000000000000")]
    [InlineData("REF_PSEUDO_PARTITION", "aws")]
    [InlineData("REF_PSEUDO_STACK", "intrinsics")]
    [InlineData("REF_FUNCTION", "Helper")]
    [InlineData("REF_QUEUE", "https://sqs.us-east-1.amazonaws.com/000000000000/intrinsics-jobs")]
    [InlineData("SUB_ONE", "arn:aws:s3:::bucket-dev")]
    [InlineData("SUB_TWO", "https://example.com/dev/b")]
    [InlineData("SUB_LITERAL", "keep ${Literal} and dev")]
    [InlineData("SUB_GETATT", "arn:aws:sqs:us-east-1:000000000000:intrinsics-jobs")]
    [InlineData("SUB_LONG", "us-east-1-Helper")]
    [InlineData("GETATT_SHORT", "arn:aws:lambda:us-east-1:000000000000:function:Helper")]
    [InlineData("GETATT_LONG", "intrinsics-jobs")]
    [InlineData("JOIN", "a,dev,c")]
    [InlineData("JOIN_LIST_PARAM", "subnet-a|subnet-b|subnet-c")]
    [InlineData("SELECT", "subnet-c")]
    [InlineData("SPLIT_SELECT", "b")]
    [InlineData("IF_DEV", "dev-value")]
    [InlineData("IF_NESTED", "nested-yes")]
    [InlineData("AND", "yes")]
    [InlineData("FIND_IN_MAP", "development")]
    [InlineData("BASE64", "aGVsbG8=")]
    [InlineData("IMPORTED", "Fn::ImportValue(shared-table-name)")]
    [InlineData("SECRET", "{{resolve:secretsmanager:db-password}}")]
    public void Load_EnvironmentIntrinsics_Resolve(string variable, string expected)
    {
        var result = LoadIntrinsics();

        result.Errors.Should().BeEmpty();
        result.Model!.FindFunction("Worker")!.Environment[variable].Should().Be(expected);
    }

    [Fact]
    public void Load_NoValue_RemovesTheVariable()
    {
        var worker = LoadIntrinsics().Model!.FindFunction("Worker")!;

        worker.Environment.Should().NotContainKey("CONDITION_VALUE");
    }

    [Fact]
    public void Load_NamesMemoryAndTimeout_ResolveFromIntrinsics()
    {
        var worker = LoadIntrinsics().Model!.FindFunction("Worker")!;

        worker.Name.Should().Be("intrinsics-dev-worker");
        worker.MemorySize.Should().Be(512);
        worker.Timeout.Should().Be(TimeSpan.FromSeconds(15));
        LoadIntrinsics().Model!.FindFunction("Helper")!.MemorySize.Should().Be(256);
    }

    [Fact]
    public void Load_ProdOverride_FlipsConditionsAndMappings()
    {
        var result = LoadIntrinsics("prod");

        result.Errors.Should().BeEmpty();
        var worker = result.Model!.FindFunction("intrinsics-prod-worker")!;
        worker.MemorySize.Should().Be(2048);
        worker.Timeout.Should().Be(TimeSpan.FromSeconds(60));
        worker.Environment["IF_DEV"].Should().Be("prod-value");
        worker.Environment["IF_NESTED"].Should().Be("nested-no");
        worker.Environment["AND"].Should().Be("no");
        worker.Environment["CONDITION_VALUE"].Should().Be("prod");
        result.Model.Parameters["Stage"].Should().Be("prod");
    }

    [Fact]
    public void Load_UnresolvableIntrinsics_WarnWithTheirLocation()
    {
        var warnings = LoadIntrinsics().Warnings;

        warnings.Select(w => (w.Line, w.Column)).Should().Contain([(79, 21), (80, 27), (81, 19)]);
        warnings.Should().Contain(w => w.Message.StartsWith("Fn::ImportValue is kept unresolved", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.Message.StartsWith("Fn::GetAZs is kept unresolved", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.Message.StartsWith("dynamic reference '{{resolve:secretsmanager:db-password}}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_JsonTemplate_ResolvesLongForms()
    {
        var app = TestAssets.LoadValid("json-form");

        var function = app.FindFunction("JsonFunction")!;
        function.Name.Should().Be("json-hi");
        function.Environment["GREETING"].Should().Be("hi from us-east-1");
        function.Environment["ARN"].Should().Be("arn:aws:lambda:us-east-1:000000000000:function:JsonFunction2");
        app.Routes.Single().PayloadFormatVersion.Should().Be("1.0");
        app.FindFunction("JsonFunction2")!.InlineCode.Should().StartWith("exports.handler");
        app.TemplatePath.Should().EndWith("template.json");
    }
}

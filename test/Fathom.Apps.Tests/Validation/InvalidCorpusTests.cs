namespace Fathom.Apps.Tests.Validation;

public sealed class InvalidCorpusTests
{
    private static IReadOnlyList<Diagnostic> Errors(string name)
    {
        var result = AppLoader.Load(TestAssets.Invalid(name), AppLoadOptions.Default);
        result.Succeeded.Should().BeFalse();
        result.Model.Should().BeNull();
        result.Errors.Should().AllSatisfy(e => e.File.Should().EndWith("template.yaml"));
        return result.Errors;
    }

    [Theory]
    [InlineData("unknown-property", 9, 7, "unknown property 'MemorySise' on HelloFunction (AWS::Serverless::Function); did you mean 'MemorySize'?")]
    [InlineData("missing-handler", 3, 3, "function 'NoHandlerFunction' has no Handler; zip functions need one (set it on the function or in Globals.Function)")]
    [InlineData("unknown-ref", 15, 18, "unknown reference 'TableNme': no parameter, resource or pseudo parameter has that name; did you mean 'TableName'?")]
    [InlineData("circular", 3, 3, "circular reference: First -> Second -> First")]
    [InlineData("unknown-sub-variable", 10, 21, "unknown variable '${Stag}' in Fn::Sub: no parameter, resource or pseudo parameter has that name; did you mean 'Stage'?")]
    [InlineData("route-conflict", 21, 9, "route GET /orders/{orderId} (GetOrderAgain, ServerlessRestApi) conflicts with GET /orders/{id} (GetOrder, ServerlessHttpApi) at line 12")]
    [InlineData("bad-yaml", 7, 6, "invalid YAML: While parsing a block mapping, did not find expected key.")]
    [InlineData("missing-transform", 3, 3, "'HelloFunction' is a SAM resource (AWS::Serverless::Function) but the template has no 'Transform: AWS::Serverless-2016-10-31'")]
    [InlineData("duplicate-key", 9, 7, "duplicate key 'Handler'")]
    [InlineData("unknown-tag", 7, 16, "unknown tag '!Reff'")]
    public void Load_InvalidTemplate_ReportsOneErrorWithItsLocation(string name, int line, int column, string message)
    {
        var error = Errors(name).Should().ContainSingle().Subject;

        error.Line.Should().Be(line);
        error.Column.Should().Be(column);
        error.Message.Should().StartWith(message);
        error.ToString().Should().EndWith($"template.yaml:{line}:{column}: error: {error.Message}");
    }

    [Fact]
    public void Load_MisspeltEventProperty_IsReportedWithTheMissingOne()
    {
        Errors("unknown-event-property").Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (13, 13, "HelloFunction.Events.Hello.Properties has no Method"),
            (14, 13, "unknown property 'Methd' on Api event HelloFunction.Events.Hello; did you mean 'Method'?"));
    }

    [Fact]
    public void Load_ApiMistakes_AreAllReported()
    {
        Errors("api-errors").Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (3, 3, "unknown Globals section 'Functions'; SAM has Function, Api, HttpApi, SimpleTable, LayerVersion, StateMachine; did you mean 'Function'?"),
            (6, 3, "RestApi (AWS::Serverless::Api) has no StageName; REST APIs need one"),
            (9, 7, "unknown property 'StageNam' on RestApi (AWS::Serverless::Api); did you mean 'StageName'?"),
            (22, 24, "Handler.Events.WrongApi.Properties.RestApiId refers to 'HttpApi', which is AWS::Serverless::HttpApi, not AWS::Serverless::Api"),
            (29, 19, "Handler.Events.BadPayload.Properties.Path must start with '/', as in '/b'"),
            (30, 21, "Handler.Events.BadPayload.Properties.Method 'fetch' is not an HTTP method; use one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, ANY"),
            (31, 35, "Handler.Events.BadPayload.Properties.PayloadFormatVersion must be \"1.0\" or \"2.0\", not '3.0'"));
    }

    [Fact]
    public void Load_JsonTemplateErrors_HaveLinesAndColumns()
    {
        var errors = AppLoader.Load(TestAssets.Invalid("json-errors"), AppLoadOptions.Default).Errors;

        errors.Select(e => (Path.GetFileName(e.File), e.Line, e.Column, e.Message)).Should().Equal(
            ("template.json", 10, 20, "Fn.Timeout must be a whole number, not 'ten'"),
            ("template.json", 11, 63, "Fn::GetAtt refers to unknown resource 'Queue'"));
    }

    [Fact]
    public void Load_IntrinsicMistakes_AreReportedWithoutCascades()
    {
        Errors("intrinsic-errors").Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (7, 3, "circular condition: Loop -> Loop"),
            (9, 3, "circular reference: Fn -> Fn (a function can read its own name from the AWS_LAMBDA_FUNCTION_NAME environment variable)"),
            (15, 19, "Fn::FindInMap: mapping 'Sizes' has no key 'smal'; did you mean 'small'?"),
            (18, 34, "Fn::Select index 3 is out of range: the list has 2 items"),
            (19, 19, "Fn::If takes [ConditionName, value if true, value if false]"),
            (20, 33, "Fn::Join needs a list of values"));
    }

    [Fact]
    public void Load_WrongTypes_AreReportedWhereTheyAre()
    {
        Errors("wrong-type").Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (9, 19, "HelloFunction.MemorySize must be a whole number, not 'lots'"),
            (12, 11, "HelloFunction.Environment.Variables must be a mapping, not a list"));
    }

    [Fact]
    public void Load_OutOfRangeLimits_AreErrors()
    {
        Errors("limits").Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (9, 19, "TooBig.MemorySize is 64 MB; it must be from 128 to 10240 MB"),
            (10, 16, "TooBig.Timeout is 901 s; it must be from 1 to 900 s"));
    }

    [Fact]
    public void Load_CodeInS3OrMissing_IsExplained()
    {
        var errors = Errors("codeuri-s3");

        errors.Select(e => (e.Line, e.Column)).Should().Equal((6, 16), (13, 9), (20, 16));
        errors[0].Message.Should().Be("FromS3.CodeUri 's3://my-bucket/code.zip' is in S3, which Fathom cannot fetch; use a local path such as 'CodeUri: src/'");
        errors[1].Message.Should().Be("FromS3Map.CodeUri points to S3 (Bucket/Key), which Fathom cannot fetch; use a local path such as 'CodeUri: src/'");
        errors[2].Message.Should().StartWith("Missing.CodeUri 'does-not-exist/' does not exist");
    }

    [Fact]
    public void Load_ManyProblems_AreAllReportedAtOnceInFileOrder()
    {
        Errors("many-errors").Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (4, 5, "'Policies' is not supported in Globals.Function; set it on each resource instead"),
            (12, 16, "A.Timeout is 0 s; it must be from 1 to 900 s"),
            (13, 7, "unknown property 'Enviroment' on A (AWS::Serverless::Function); did you mean 'Environment'?"),
            (17, 17, "unknown event type 'Apii' on A.Events.Nope; did you mean 'Api'?"),
            (24, 13, "'A' (AWS::Serverless::Function) has no attribute 'RoleArn'; it has Arn"),
            (26, 11, "unknown reference 'MissingLayer': no parameter, resource or pseudo parameter has that name"));
    }

    [Fact]
    public void Load_UnknownConditions_AreReportedOnceEach()
    {
        Errors("unknown-condition").Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (7, 16, "unknown condition 'IsProduction'"),
            (12, 21, "unknown condition 'IsPrd'; did you mean 'IsProd'?"));
    }

    [Fact]
    public void Load_ParameterConstraints_AreChecked()
    {
        Errors("parameter-constraints").Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (5, 14, "parameter 'Stage' value 'qa' is not one of the allowed values: dev, prod"),
            (9, 14, "parameter 'Name' value 'Hello World' does not match AllowedPattern [a-z]+ (lower-case letters only)"),
            (12, 3, "parameter 'Required' has no Default and no value was given; pass --parameter-overrides Required=VALUE"));
    }

    [Fact]
    public void Load_ParameterOverrides_FixConstraintErrors()
    {
        var result = AppLoader.Load(TestAssets.Invalid("parameter-constraints"), new AppLoadOptions
        {
            ParameterOverrides = new Dictionary<string, string> { ["Stage"] = "prod", ["Name"] = "hello", ["Required"] = "x" },
        });

        result.Errors.Should().BeEmpty();
        result.Model!.Parameters.Should().Equal(new Dictionary<string, string> { ["Stage"] = "prod", ["Name"] = "hello", ["Required"] = "x" });
    }

    [Fact]
    public void Load_MissingDirectory_IsAnErrorWithoutPosition()
    {
        var result = AppLoader.Load("/nonexistent/app", AppLoadOptions.Default);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.ToString().Should().Be("/nonexistent/app: error: '/nonexistent/app' does not exist");
    }

    [Fact]
    public void Load_DirectoryWithoutTemplate_SaysWhichNamesWereTried()
    {
        using var temp = new TempDirectory();

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        result.Errors.Should().ContainSingle().Which.Message.Should().Be($"no template.yaml, template.yml or template.json in '{temp.Path}'");
    }
}

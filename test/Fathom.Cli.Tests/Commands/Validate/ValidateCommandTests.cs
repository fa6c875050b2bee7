using System.Text.Json;

namespace Fathom.Cli.Tests.Commands.Validate;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_HelloExample_PrintsFunctionAndRouteAndExitsZero()
    {
        var result = await CliRunner.RunAsync("validate", "examples/hello");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("HelloWorldFunction  nodejs20.x  app.handler  128 MB  3 s");
        result.Stdout.Should().Contain("code  examples/hello/hello");
        result.Stdout.Should().MatchRegex(@"GET\s+/hello\s+-> HelloWorldFunction\s+ServerlessRestApi \(REST, payload 1.0\)");
        result.Stdout.Should().Contain("valid: 1 function, 1 route");
        result.Stdout.Should().NotContain("\u001b[", "output is redirected, so there is no colour");
    }

    [Fact]
    public async Task Validate_OrdersExample_ListsSchedulesQueuesAlarmsAndEnvironment()
    {
        var result = await CliRunner.RunAsync("validate", "examples/orders/template.yaml", "--parameter-overrides", "Stage=prod", "LogLevel=DEBUG");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("env   STAGE=prod");
        result.Stdout.Should().MatchRegex(@"GET\s+/orders/\{id\}\s+-> GetOrderFunction\s+ServerlessHttpApi \(HTTP, payload 2.0\)");
        result.Stdout.Should().Contain("cron(0 2 * * ? *)");
        result.Stdout.Should().Contain("-> ProcessOrderFunction (batch 5)");
        result.Stdout.Should().Contain("CreateOrderErrorsAlarm");
        result.Stdout.Should().Contain("ProcessOrderFunction  nodejs20.x  worker.handler  256 MB  60 s");
    }

    [Fact]
    public async Task Validate_InvalidTemplate_PrintsEveryErrorWithLocationAndExitsOne()
    {
        var result = await CliRunner.RunAsync("validate", "testassets/templates/invalid/many-errors");

        result.ExitCode.Should().Be(1);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain("testassets/templates/invalid/many-errors/template.yaml:13:7: error: unknown property 'Enviroment' on A (AWS::Serverless::Function); did you mean 'Environment'?");
        lines.Count(l => l.Contains(": error: ", StringComparison.Ordinal)).Should().Be(6);
        lines.Should().Contain("invalid: 6 errors");
    }

    [Fact]
    public async Task Validate_Json_PrintsTheResolvedModel()
    {
        var result = await CliRunner.RunAsync("validate", "examples/orders", "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        root.GetProperty("valid").GetBoolean().Should().BeTrue();
        var app = root.GetProperty("app");
        app.GetProperty("functions").GetArrayLength().Should().Be(5);
        var create = app.GetProperty("functions")[0];
        create.GetProperty("name").GetString().Should().Be("orders-create-order");
        create.GetProperty("timeout").GetDouble().Should().Be(10);
        create.GetProperty("environment").GetProperty("STAGE").GetString().Should().Be("dev");
        app.GetProperty("routes")[1].GetProperty("path").GetString().Should().Be("/orders/{id}");
        app.GetProperty("routes")[1].GetProperty("apiKind").GetString().Should().Be("http");
        app.GetProperty("queues")[0].GetProperty("consumers")[0].GetProperty("functionName").GetString().Should().Be("ProcessOrderFunction");
    }

    [Fact]
    public async Task Validate_JsonForInvalidApp_ListsErrorsAndExitsOne()
    {
        var result = await CliRunner.RunAsync("validate", "testassets/templates/invalid/unknown-ref", "--json");

        result.ExitCode.Should().Be(1);
        using var document = JsonDocument.Parse(result.Stdout);
        var error = document.RootElement.GetProperty("errors")[0];
        error.GetProperty("line").GetInt32().Should().Be(15);
        error.GetProperty("column").GetInt32().Should().Be(18);
        error.GetProperty("message").GetString().Should().StartWith("unknown reference 'TableNme'");
        document.RootElement.TryGetProperty("app", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Validate_NoPath_ReadsTheCurrentDirectory()
    {
        var result = await CliRunner.RunInAsync(Path.Combine(CliRunner.RepositoryRoot, "examples", "hello"), "validate");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().StartWith("hello  template.yaml");
        result.Stdout.Should().Contain("code  hello");
    }

    [Fact]
    public async Task Validate_WarningsForNotEmulatedResources_AreListedAndStillValid()
    {
        var result = await CliRunner.RunAsync("validate", "testassets/templates/valid/bigger-app");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("Warnings (3)");
        result.Stdout.Should().Contain("template.yaml:188:3: warning: 'Uploads' (AWS::S3::Bucket) is not emulated");
    }

    [Fact]
    public async Task Validate_MissingDirectory_ExitsOne()
    {
        var result = await CliRunner.RunAsync("validate", "no/such/app");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("no/such/app: error: 'no/such/app' does not exist");
    }

    [Fact]
    public async Task Validate_UnknownOption_IsAUsageErrorExitingTwo()
    {
        var result = await CliRunner.RunAsync("validate", "examples/hello", "--frobnicate");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--frobnicate");
    }

    [Fact]
    public async Task Validate_MalformedParameterOverride_IsAUsageErrorExitingTwo()
    {
        var result = await CliRunner.RunAsync("validate", "examples/orders", "--parameter-overrides", "Stage");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("'Stage' should look like Name=value");
    }

    [Fact]
    public async Task Help_DescribesValidateAndItsOptions()
    {
        var result = await CliRunner.RunAsync("validate", "--help");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("--parameter-overrides").And.Contain("--json").And.Contain("Exit codes");
    }

    [Fact]
    public async Task Validate_DependsOnAndConditionCyclesDeeperThan40000_ReportsThemInsteadOfOverflowingTheStack()
    {
        using var temp = new TempDirectory();
        HostileTemplates.WriteApp(temp.Path, HostileTemplates.DependsOnChain(cycle: true) + HostileTemplates.ConditionChainSection(cycle: true));

        var result = await CliRunner.RunInAsync(temp.Path, "validate");

        result.ExitCode.Should().Be(1, result.Stderr);
        result.Stderr.Should().NotContain("Stack overflow");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(l => l.StartsWith("template.yaml:", StringComparison.Ordinal) && l.Contains(": error: circular reference: T0 -> T1 -> T2 -> ", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("template.yaml:", StringComparison.Ordinal) && l.Contains(": error: circular condition: C0 -> C1 -> C2 -> ", StringComparison.Ordinal));
        lines.Should().Contain("invalid: 2 errors");
    }

    [Fact]
    public async Task Validate_UnknownFunctionAndInvalidUtf8_AreErrorsWithLineAndColumn()
    {
        using var bogusApp = new TempDirectory();
        HostileTemplates.WriteApp(bogusApp.Path, "Transform: AWS::Serverless-2016-10-31\nResources:\n" + HostileTemplates.Function()
            + "  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: {Fn::Bogus: x}}\n");
        using var utf8App = new TempDirectory();
        HostileTemplates.WriteApp(utf8App.Path, "");
        File.WriteAllBytes(utf8App.Combine("template.yaml"), [.. "Transform: AWS::Serverless-2016-10-31\nDescription: caf"u8, 0xE9, .. "\nResources: {}\n"u8]);

        var bogus = await CliRunner.RunInAsync(bogusApp.Path, "validate");
        var utf8 = await CliRunner.RunInAsync(utf8App.Path, "validate");

        bogus.ExitCode.Should().Be(1);
        bogus.Stderr.Should().Contain("template.yaml:8:30: error: unknown intrinsic function 'Fn::Bogus'");
        utf8.ExitCode.Should().Be(1);
        utf8.Stderr.Should().Contain("template.yaml:2:17: error: invalid UTF-8: byte 0xE9");
    }

    [Fact]
    public async Task Validate_JsonWithDataNestedDeeperThan64Levels_IsWrittenNotACrash()
    {
        using var temp = new TempDirectory();
        HostileTemplates.WriteApp(temp.Path, "Transform: AWS::Serverless-2016-10-31\nResources:\n" + HostileTemplates.Function()
            + "  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: " + new string('[', 90) + new string(']', 90) + "\n");

        var result = await CliRunner.RunInAsync(temp.Path, "validate", "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        using var document = JsonDocument.Parse(result.Stdout, new JsonDocumentOptions { MaxDepth = 256 });
        document.RootElement.GetProperty("app").GetProperty("notEmulated")[0].GetProperty("properties").GetProperty("Tags")[0][0].ValueKind.Should().Be(JsonValueKind.Array);
    }
}

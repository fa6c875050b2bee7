using System.Text;
using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Invoke;

/// <summary>The real aws CLI v2 against <c>fathom up</c>'s admin port. Each call costs about half a second, so
/// each test makes one or two.</summary>
[Collection(GatewayAppCollection.Name)]
public sealed class AwsCliTests(GatewayAppFixture app) : IDisposable
{
    private readonly string _outFile = Path.Combine(Path.GetTempPath(), $"fathom-aws-out-{Guid.NewGuid():N}.json");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invoke_SyncThroughTheAliasWithLogTail_WritesTheResultAndTheLog()
    {
        var alias = (await app.Up.StatusAsync()).Aliases(GatewayAppFixture.EchoHttp).Keys.Single();

        var result = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "invoke", "--function-name", GatewayAppFixture.EchoHttp,
            "--qualifier", alias, "--log-type", "Tail", "--cli-binary-format", "raw-in-base64-out", "--payload", """{"marker":"aws-sync"}""", _outFile);

        result.ExitCode.Should().Be(0, result.ToString());
        var printed = JsonDocument.Parse(result.StandardOutput).RootElement;
        printed.GetProperty("StatusCode").GetInt32().Should().Be(200);
        printed.TryGetProperty("FunctionError", out _).Should().BeFalse();
        var output = JsonDocument.Parse(await File.ReadAllTextAsync(_outFile, Ct)).RootElement;
        output.GetProperty("event").GetProperty("marker").GetString().Should().Be("aws-sync", "the function got the payload");
        output.GetProperty("greeting").GetString().Should().Be("hello");
        var requestId = output.GetProperty("requestId").GetString()!;
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(printed.GetProperty("LogResult").GetString()!));
        log.Should().Contain($"START RequestId: {requestId}")
            .And.Contain("echo http aws-sync", "the tail holds the function's own log line")
            .And.Contain($"REPORT RequestId: {requestId}");
    }

    [Fact]
    public async Task Invoke_VersionNumberOfAFailingFunction_ReportsUnhandledErrorAndExecutedVersion()
    {
        var version = (await app.Up.StatusAsync()).Versions(GatewayAppFixture.Failing).Max().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "invoke", "--function-name", GatewayAppFixture.Failing,
            "--qualifier", version, _outFile);

        result.ExitCode.Should().Be(0, "a function error is a successful Invoke call: " + result);
        var printed = JsonDocument.Parse(result.StandardOutput).RootElement;
        printed.GetProperty("StatusCode").GetInt32().Should().Be(200);
        printed.GetProperty("FunctionError").GetString().Should().Be("Unhandled");
        printed.GetProperty("ExecutedVersion").GetString().Should().Be(version);
        var error = JsonDocument.Parse(await File.ReadAllTextAsync(_outFile, Ct)).RootElement;
        error.GetProperty("errorType").GetString().Should().Be("TypeError");
        error.GetProperty("errorMessage").GetString().Should().Be("kaboom");
    }

    [Fact]
    public async Task Invoke_EventInvocationType_Answers202AndRunsTheFunction()
    {
        var marker = $"aws-async-{Guid.NewGuid():N}";

        var result = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "invoke", "--function-name", GatewayAppFixture.EchoHttp,
            "--invocation-type", "Event", "--cli-binary-format", "raw-in-base64-out", "--payload", $$"""{"marker":"{{marker}}"}""", _outFile);

        result.ExitCode.Should().Be(0, result.ToString());
        JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("StatusCode").GetInt32().Should().Be(202);
        await app.Up.WaitForFunctionLineAsync(GatewayAppFixture.EchoHttp, "echo http " + marker);
    }

    [Fact]
    public async Task Invoke_UnknownFunction_Exits254WithResourceNotFound()
    {
        var result = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "invoke", "--function-name", "NoSuchFunction", _outFile);

        result.ExitCode.Should().Be(254);
        result.StandardError.Should().Contain("ResourceNotFoundException").And.Contain("NoSuchFunction");
    }

    [Fact]
    public async Task ListAndGetFunction_DescribeTheAppsFunctions()
    {
        var list = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "list-functions");
        var get = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "get-function", "--function-name", GatewayAppFixture.Slow);

        list.ExitCode.Should().Be(0, list.ToString());
        JsonDocument.Parse(list.StandardOutput).RootElement.GetProperty("Functions").EnumerateArray()
            .Select(f => f.GetProperty("FunctionName").GetString())
            .Should().BeEquivalentTo([GatewayAppFixture.EchoRest, GatewayAppFixture.EchoHttp, GatewayAppFixture.Shapes, GatewayAppFixture.Failing, GatewayAppFixture.Slow, GatewayAppFixture.Throttled]);
        get.ExitCode.Should().Be(0, get.ToString());
        var configuration = JsonDocument.Parse(get.StandardOutput).RootElement.GetProperty("Configuration");
        configuration.GetProperty("FunctionArn").GetString().Should().Be("arn:aws:lambda:us-east-1:000000000000:function:Slow");
        configuration.GetProperty("Runtime").GetString().Should().Be("nodejs20.x");
        configuration.GetProperty("Handler").GetString().Should().Be("slow.handler");
        configuration.GetProperty("Timeout").GetInt32().Should().Be(1, "the function's Timeout overrides Globals");
        configuration.GetProperty("Environment").GetProperty("Variables").GetProperty("GREETING").GetString().Should().Be("hello");
    }

    public void Dispose() => File.Delete(_outFile);
}

using System.Text;
using System.Text.Json;
using Fathom.Gateway.Tests.Support;

namespace Fathom.Gateway.Tests.Invoke;

/// <summary>The Invoke API as the real aws CLI v2 calls it. Each call costs about half a second, so these stay few.</summary>
public sealed class AwsCliInvokeTests
{
    [Fact]
    public async Task Invoke_SyncWithQualifierAndTail_PrintsStatusVersionAndLog()
    {
        await using var host = await GatewayHost.StartAsync();
        host.Invoker.Returns("""{"greeting":"hi"}""");
        var outFile = Path.Combine(Path.GetTempPath(), $"fathom-out-{Guid.NewGuid():N}.json");

        var (exit, stdout, stderr) = await AwsCli.RunAsync(host.BaseUrl, "lambda", "invoke", "--function-name", "hello",
            "--qualifier", "live", "--log-type", "Tail", "--cli-binary-format", "raw-in-base64-out", "--payload", """{"a":1}""", outFile);

        exit.Should().Be(0, stderr);
        var printed = JsonDocument.Parse(stdout).RootElement;
        printed.GetProperty("StatusCode").GetInt32().Should().Be(200);
        printed.GetProperty("ExecutedVersion").GetString().Should().Be("2");
        var invocation = host.Invoker.Requests.Single();
        Encoding.UTF8.GetString(Convert.FromBase64String(printed.GetProperty("LogResult").GetString()!))
            .Should().Contain("hello from the function").And.Contain(invocation.RequestId!);
        (await File.ReadAllTextAsync(outFile, TestContext.Current.CancellationToken)).Should().Be("""{"greeting":"hi"}""");
        File.Delete(outFile);
        Encoding.UTF8.GetString(invocation.Payload.Span).Should().Be("""{"a":1}""");
        invocation.Qualifier.Should().Be("live");
        invocation.Source.Should().Be("invoke");
    }

    [Fact]
    public async Task Invoke_EventType_Answers202AndRunsInBackground()
    {
        await using var host = await GatewayHost.StartAsync();
        var outFile = Path.Combine(Path.GetTempPath(), $"fathom-out-{Guid.NewGuid():N}.json");

        var (exit, stdout, stderr) = await AwsCli.RunAsync(host.BaseUrl, "lambda", "invoke", "--function-name", "hello",
            "--invocation-type", "Event", outFile);

        exit.Should().Be(0, stderr);
        JsonDocument.Parse(stdout).RootElement.GetProperty("StatusCode").GetInt32().Should().Be(202);
        var invocation = await host.Invoker.NextAsync();
        Encoding.UTF8.GetString(invocation.Payload.Span).Should().Be("{}");
        File.Delete(outFile);
    }

    [Fact]
    public async Task Invoke_UnknownFunction_Exits254WithResourceNotFound()
    {
        await using var host = await GatewayHost.StartAsync();

        var (exit, _, stderr) = await AwsCli.RunAsync(host.BaseUrl, "lambda", "invoke", "--function-name", "nope", "/dev/null");

        exit.Should().Be(254);
        stderr.Should().Contain("ResourceNotFoundException").And.Contain("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
    }

    [Fact]
    public async Task ListAndGetFunction_PrintLambdaShapedConfiguration()
    {
        await using var host = await GatewayHost.StartAsync();

        var (listExit, listOut, listErr) = await AwsCli.RunAsync(host.BaseUrl, "lambda", "list-functions");
        var (getExit, getOut, getErr) = await AwsCli.RunAsync(host.BaseUrl, "lambda", "get-function", "--function-name", "hello");

        listExit.Should().Be(0, listErr);
        JsonDocument.Parse(listOut).RootElement.GetProperty("Functions").EnumerateArray()
            .Select(f => f.GetProperty("FunctionName").GetString()).Should().Equal("hello", "orders", "reports");
        getExit.Should().Be(0, getErr);
        var configuration = JsonDocument.Parse(getOut).RootElement.GetProperty("Configuration");
        configuration.GetProperty("FunctionArn").GetString().Should().Be("arn:aws:lambda:us-east-1:000000000000:function:hello");
        configuration.GetProperty("Runtime").GetString().Should().Be("nodejs20.x");
        configuration.GetProperty("MemorySize").GetInt32().Should().Be(256);
        configuration.GetProperty("Environment").GetProperty("Variables").GetProperty("TABLE").GetString().Should().Be("orders");
    }
}

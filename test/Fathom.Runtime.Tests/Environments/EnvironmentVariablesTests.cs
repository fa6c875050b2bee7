using System.Text.Json;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Environments;

public sealed class EnvironmentVariablesTests
{
    [Fact]
    public async Task NodeFunction_SeesLambdasVariablesThenItsOwn_AndNothingOfThePlatform()
    {
        Environment.SetEnvironmentVariable("FATHOM_PLATFORM_SECRET", "leak");
        await using var runtime = new TestRuntime(o => o.Region = "eu-west-1");
        var definition = runtime.Load("vars", "index.env", configure: d => d with
        {
            Version = "7",
            MemorySizeMb = 256,
            LogFormat = "JSON",
            ApplicationLogLevel = "DEBUG",
            Environment = new Dictionary<string, string> { ["TABLE_NAME"] = "orders", ["TZ"] = "Europe/Paris" },
        });

        var result = await runtime.InvokeAsync("vars", version: "7");

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        using var body = JsonDocument.Parse(result.Payload);
        var env = body.RootElement.GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        env["AWS_LAMBDA_RUNTIME_API"].Should().MatchRegex(@"^127\.0\.0\.1:\d+$");
        env["_HANDLER"].Should().Be("index.env");
        // Sandboxed, the code appears at /var/task as on Lambda; as a plain process it stays where it is.
        var taskRoot = SandboxCapabilities.Current.BubblewrapWorks ? "/var/task" : definition.CodeDirectory;
        env["LAMBDA_TASK_ROOT"].Should().Be(taskRoot);
        body.RootElement.GetProperty("cwd").GetString().Should().Be(taskRoot);
        env["AWS_LAMBDA_FUNCTION_NAME"].Should().Be("vars");
        env["AWS_LAMBDA_FUNCTION_VERSION"].Should().Be("7");
        env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"].Should().Be("256");
        env["AWS_LAMBDA_LOG_GROUP_NAME"].Should().Be("/aws/lambda/vars");
        env["AWS_LAMBDA_LOG_STREAM_NAME"].Should().MatchRegex(@"^\d{4}/\d\d/\d\d/\[7\][0-9a-f]{32}$");
        env["AWS_LAMBDA_LOG_FORMAT"].Should().Be("JSON");
        env["AWS_LAMBDA_LOG_LEVEL"].Should().Be("DEBUG");
        env["AWS_LAMBDA_INITIALIZATION_TYPE"].Should().Be("on-demand");
        env["AWS_REGION"].Should().Be("eu-west-1");
        env["AWS_DEFAULT_REGION"].Should().Be("eu-west-1");
        env["AWS_EXECUTION_ENV"].Should().Be("AWS_Lambda_nodejs20.x");
        env["AWS_ACCESS_KEY_ID"].Should().NotBeNullOrEmpty();
        env["AWS_SECRET_ACCESS_KEY"].Should().NotBeNullOrEmpty();
        env["AWS_SESSION_TOKEN"].Should().NotBeNullOrEmpty();
        env["LANG"].Should().Be("en_US.UTF-8");
        env["PATH"].Should().Contain("/usr/bin");
        env["TABLE_NAME"].Should().Be("orders");
        env["TZ"].Should().Be("Europe/Paris", "the function's own variables come last");
        env["_X_AMZN_TRACE_ID"].Should().StartWith("Root=1-");
        env.Should().NotContainKey("FATHOM_PLATFORM_SECRET").And.NotContainKey("_LAMBDA_TELEMETRY_LOG_FD").And.NotContainKey("HOME");
    }

    [Fact]
    public async Task NodeFunction_DefaultTimeZone_IsUtc()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("tz", "index.env");

        var result = await runtime.InvokeAsync("tz");

        using var body = JsonDocument.Parse(result.Payload);
        body.RootElement.GetProperty("env").GetProperty("TZ").GetString().Should().Be(":UTC");
    }

    [Fact]
    public async Task ExecWrapper_Set_RuntimeStartsThroughIt()
    {
        await using var runtime = new TestRuntime();
        var wrapper = Path.Combine(TestRuntime.Assets("node-basic"), "wrapper.sh");
        runtime.Load("wrapped", "index.env", configure: d => d with
        {
            Environment = new Dictionary<string, string> { ["AWS_LAMBDA_EXEC_WRAPPER"] = wrapper },
        });

        var result = await runtime.InvokeAsync("wrapped");

        using var body = JsonDocument.Parse(result.Payload);
        body.RootElement.GetProperty("env").GetProperty("WRAPPED_BY").GetString().Should().Be("wrapper.sh");
    }

    [Fact]
    public async Task Load_ReservedVariable_Rejected()
    {
        await using var runtime = new TestRuntime();

        var load = () => runtime.Load("bad", "index.env", configure: d => d with
        {
            Environment = new Dictionary<string, string> { ["AWS_REGION"] = "mars-1" },
        });

        load.Should().Throw<Fathom.Runtime.Functions.FunctionLoadException>().WithMessage("*'AWS_REGION' is reserved*");
    }
}

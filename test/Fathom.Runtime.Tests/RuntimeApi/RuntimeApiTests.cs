using System.Text;
using System.Text.Json;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.RuntimeApi;

/// <summary>The Runtime API as a custom runtime sees it, probed from inside a real <c>bootstrap</c>.</summary>
public sealed class RuntimeApiTests
{
    [Fact]
    public async Task Next_DeliversEveryLambdaHeader()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("probe", "probe.handler", asset: "provided-probe", runtime: "provided.al2");
        var before = DateTimeOffset.UtcNow;

        var result = await runtime.Host.InvokeAsync(new InvocationRequest
        {
            App = "test",
            Environment = "test",
            FunctionName = "probe",
            Version = "$LATEST",
            Payload = "{}"u8.ToArray(),
            Qualifier = "blue",
            Source = "test",
            ClientContext = """{"custom":{"k":"v"}}""",
        }, TestContext.Current.CancellationToken);

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        using var body = JsonDocument.Parse(result.Payload);
        var headers = body.RootElement.GetProperty("headers");
        headers.GetProperty("lambda-runtime-aws-request-id").GetString().Should().Be(result.RequestId);
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(headers.GetProperty("lambda-runtime-deadline-ms").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        deadline.Should().BeCloseTo(before.AddSeconds(30), TimeSpan.FromSeconds(10));
        headers.GetProperty("lambda-runtime-invoked-function-arn").GetString().Should().Be("arn:aws:lambda:us-east-1:000000000000:function:probe:blue");
        headers.GetProperty("lambda-runtime-trace-id").GetString().Should().MatchRegex("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$");
        headers.GetProperty("lambda-runtime-client-context").GetString().Should().Be("""{"custom":{"k":"v"}}""");
        headers.GetProperty("content-type").GetString().Should().Be("application/json");
        body.RootElement.GetProperty("env").GetProperty("execEnv").ValueKind.Should().Be(JsonValueKind.Null, "provided runtimes get no AWS_EXECUTION_ENV");
    }

    [Fact]
    public async Task Response_UnknownIdOrWrongState_RejectedAsLambdaDoes()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("probe", "probe.handler", asset: "provided-probe", runtime: "provided.al2023");

        var first = await runtime.InvokeAsync("probe", """{"probe":true}""");
        var second = await runtime.InvokeAsync("probe");

        using var firstBody = JsonDocument.Parse(first.Payload);
        var unknown = firstBody.RootElement.GetProperty("unknownId");
        unknown.GetProperty("status").GetInt32().Should().Be(400);
        unknown.GetProperty("body").GetString().Should().Be("""{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""");
        var lateInitError = firstBody.RootElement.GetProperty("initErrorAfterNext");
        lateInitError.GetProperty("status").GetInt32().Should().Be(403);
        lateInitError.GetProperty("body").GetString().Should().Contain("\"errorType\":\"InvalidStateTransition\"");
        using var secondBody = JsonDocument.Parse(second.Payload);
        var repeated = secondBody.RootElement.GetProperty("previous").GetProperty("secondResponse");
        repeated.GetProperty("status").GetInt32().Should().Be(403, "a second /response for the same invocation is a wrong state");
    }

    [Fact]
    public async Task Response_ForAnotherEnvironmentsInvocation_Rejected()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("slow", "index.slow");
        runtime.Load("probe", "probe.handler", asset: "provided-probe", runtime: "provided.al2023");
        var foreignId = Guid.NewGuid().ToString();

        var slow = runtime.Host.InvokeAsync(new InvocationRequest
        {
            App = "test",
            Environment = "test",
            FunctionName = "slow",
            Version = "$LATEST",
            Payload = """{"ms":1500}"""u8.ToArray(),
            Source = "test",
            RequestId = foreignId,
        }, TestContext.Current.CancellationToken).AsTask();
        await runtime.NextEventAsync<Fathom.Runtime.Events.LogLine>(l => l.RequestId == foreignId);
        var probe = await runtime.InvokeAsync("probe", $$"""{"foreignId":"{{foreignId}}"}""");

        using var body = JsonDocument.Parse(probe.Payload);
        body.RootElement.GetProperty("foreign").GetProperty("status").GetInt32().Should().Be(400);
        var slowResult = await slow;
        slowResult.Outcome.Should().Be(InvocationOutcome.Success);
        Encoding.UTF8.GetString(slowResult.Payload.Span).Should().Be("\"done\"");
    }

    [Fact]
    public async Task Error_WithStackTrace_PassedThroughUnchanged()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("probe", "probe.handler", asset: "provided-probe", runtime: "provided.al2023");

        var result = await runtime.InvokeAsync("probe", """{"error":true}""");

        result.Outcome.Should().Be(InvocationOutcome.FunctionError);
        result.ErrorType.Should().Be("Custom.Error");
        result.ErrorMessage.Should().Be("bad input");
        result.StackTrace.Should().Equal("at one", "at two");
        Encoding.UTF8.GetString(result.Payload.Span).Should().Be("""{"errorType":"Custom.Error","errorMessage":"bad input","stackTrace":["at one","at two"]}""");
    }
}

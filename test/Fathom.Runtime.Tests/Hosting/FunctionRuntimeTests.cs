using System.Text;
using System.Text.Json;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Hosting;

public sealed class FunctionRuntimeTests
{
    [Fact]
    public async Task InvokeAsync_NodeHandlerReturns_ResultIsTheHandlersResponse()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("echo", "index.echo");

        var result = await runtime.InvokeAsync("echo", """{"hello":"world"}""", qualifier: "live");

        result.Outcome.Should().Be(InvocationOutcome.Success, Encoding.UTF8.GetString(result.Payload.Span) + result.LogTail);
        using var body = JsonDocument.Parse(result.Payload);
        body.RootElement.GetProperty("echo").GetProperty("hello").GetString().Should().Be("world");
        body.RootElement.GetProperty("requestId").GetString().Should().Be(result.RequestId);
        body.RootElement.GetProperty("arn").GetString().Should().Be("arn:aws:lambda:us-east-1:000000000000:function:echo:live");
        result.InitDuration.Should().NotBeNull();
        result.LogTail.Should().StartWith($"START RequestId: {result.RequestId} Version: $LATEST")
            .And.Contain("echo {\"hello\":\"world\"}")
            .And.Contain($"END RequestId: {result.RequestId}")
            .And.Contain($"REPORT RequestId: {result.RequestId}\tDuration: ");
        result.MaxMemoryUsedMb.Should().BeGreaterThan(0);
    }
}

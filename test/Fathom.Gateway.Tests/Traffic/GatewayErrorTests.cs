using System.Net;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Tests.Support;
using Fathom.Runtime.Invocations;

namespace Fathom.Gateway.Tests.Traffic;

public sealed class GatewayErrorTests
{
    [Theory]
    [InlineData(ApiKind.Rest, InvocationOutcome.FunctionError, 502, """{"message": "Internal server error"}""")]
    [InlineData(ApiKind.Rest, InvocationOutcome.Timeout, 502, """{"message": "Internal server error"}""")]
    [InlineData(ApiKind.Rest, InvocationOutcome.Crash, 502, """{"message": "Internal server error"}""")]
    [InlineData(ApiKind.Rest, InvocationOutcome.Throttled, 500, """{"message": "Internal server error"}""")]
    [InlineData(ApiKind.Http, InvocationOutcome.FunctionError, 500, """{"message":"Internal Server Error"}""")]
    [InlineData(ApiKind.Http, InvocationOutcome.OutOfMemory, 500, """{"message":"Internal Server Error"}""")]
    [InlineData(ApiKind.Http, InvocationOutcome.Timeout, 500, """{"message":"Internal Server Error"}""")]
    [InlineData(ApiKind.Http, InvocationOutcome.Throttled, 500, """{"message":"Internal Server Error"}""")]
    public async Task Invoke_FunctionFails_AnswersLikeApiGateway(ApiKind kind, InvocationOutcome outcome, int status, string body)
    {
        await using var host = await GatewayHost.StartAsync(kind == ApiKind.Rest ? Routes.Rest("GET", "/x") : Routes.Http("GET", "/x"));
        host.Invoker.Returns("""{"errorType":"Error","errorMessage":"boom"}""", outcome);

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        ((int)response.StatusCode).Should().Be(status);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be(body);
        response.Headers.Contains(kind == ApiKind.Rest ? "x-amzn-RequestId" : "apigw-requestid").Should().BeTrue();
    }

    [Theory]
    [InlineData(ApiKind.Rest, 29_000, 504, """{"message": "Endpoint request timed out"}""")]
    [InlineData(ApiKind.Http, 30_000, 503, """{"message":"Service Unavailable"}""")]
    public async Task Invoke_IntegrationTimeout_AnswersLikeApiGateway(ApiKind kind, int timeoutMs, int status, string body)
    {
        await using var host = await GatewayHost.StartAsync(kind == ApiKind.Rest ? Routes.Rest("GET", "/slow") : Routes.Http("GET", "/slow"));
        var answer = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Invoker.Respond = async (r, ct) => await answer.Task.WaitAsync(ct);

        // A function that answers 1 ms before the timeout is heard: the gateway was still waiting for it.
        var inTime = host.Client.GetAsync("/slow", TestContext.Current.CancellationToken);
        var first = await host.Invoker.NextAsync();
        host.Time.Advance(TimeSpan.FromMilliseconds(timeoutMs - 1));
        answer.SetResult(TestInvoker.Echo(first));
        using var answered = await inTime;
        answer = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        // One that has not answered at the timeout gets API Gateway's timeout answer.
        var late = host.Client.GetAsync("/slow", TestContext.Current.CancellationToken);
        await host.Invoker.NextAsync();
        host.Time.Advance(TimeSpan.FromMilliseconds(timeoutMs));
        using var response = await late;

        answered.StatusCode.Should().Be(HttpStatusCode.OK, "an answer before the timeout goes through");
        ((int)response.StatusCode).Should().Be(status);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be(body);
    }

    [Fact]
    public async Task Invoke_RouteTimeoutInMillis_IsTheIntegrationTimeout()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/slow") with { TimeoutInMillis = 500 });
        host.Invoker.Respond = async (r, ct) =>
        {
            // An invoker that ignores cancellation must not keep the client waiting either.
            await Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);
            return TestInvoker.Echo(r);
        };

        var call = host.Client.GetAsync("/slow", TestContext.Current.CancellationToken);
        var invocation = await host.Invoker.NextAsync();
        host.Time.Advance(TimeSpan.FromMilliseconds(500));
        using var response = await call;

        invocation.Deadline.Should().Be(GatewayHost.Now + TimeSpan.FromMilliseconds(500));
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Request_NoRoute_RestAnswers403MissingAuthenticationToken()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("GET", "/x"));

        using var response = await host.Client.PostAsync("/x", null, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be("MissingAuthenticationTokenException");
        response.Headers.Contains("x-amzn-RequestId").Should().BeTrue();
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"message": "Missing Authentication Token"}""");
        host.Invoker.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Request_NoRoute_HttpApiAnswers404NotFound()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/x"));

        using var response = await host.Client.GetAsync("/y", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.Contains("apigw-requestid").Should().BeTrue();
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"message":"Not Found"}""");
    }

    [Fact]
    public async Task Invoke_UnknownFunction_Answers500()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Http("GET", "/x", function: "missing"));

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        host.Invoker.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Invoke_InvokerThrows_Answers500NotACrash()
    {
        await using var host = await GatewayHost.StartAsync(Routes.Rest("GET", "/x"));
        host.Invoker.Respond = (_, _) => throw new FunctionNotFoundException("hello", "$LATEST");

        using var response = await host.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("""{"message": "Internal server error"}""");
    }
}

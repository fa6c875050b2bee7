using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Fathom.Runtime.Invocations;

namespace Fathom.Gateway.Tests.Support;

/// <summary>An invoker with no runtime behind it: by default it answers with a proxy response whose body is the
/// event it got; tests script other outcomes through <see cref="Respond"/>.</summary>
internal sealed class TestInvoker : IFunctionInvoker
{
    private readonly Channel<InvocationRequest> _started = Channel.CreateUnbounded<InvocationRequest>();

    public ConcurrentQueue<InvocationRequest> Requests { get; } = new();

    public Func<InvocationRequest, CancellationToken, ValueTask<InvocationResult>> Respond { get; set; } = (r, _) => ValueTask.FromResult(Echo(r));

    public async ValueTask<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        await _started.Writer.WriteAsync(request, cancellationToken);
        return await Respond(request, cancellationToken);
    }

    /// <summary>Waits for the next invocation to start.</summary>
    public async Task<InvocationRequest> NextAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _started.Reader.ReadAsync(cts.Token);
    }

    public static InvocationResult Echo(InvocationRequest request)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["statusCode"] = 200,
            ["headers"] = new Dictionary<string, string> { ["content-type"] = "application/json" },
            ["body"] = Encoding.UTF8.GetString(request.Payload.Span),
        });
        return Result(request, body);
    }

    public static InvocationResult Result(InvocationRequest request, string payload, InvocationOutcome outcome = InvocationOutcome.Success) => new()
    {
        RequestId = request.RequestId ?? "generated",
        Outcome = outcome,
        ExecutedVersion = request.Version,
        Payload = Encoding.UTF8.GetBytes(payload),
        ErrorType = outcome == InvocationOutcome.Success ? null : "Error",
        ErrorMessage = outcome == InvocationOutcome.Success ? null : "boom",
        LogTail = $"START RequestId: {request.RequestId} Version: {request.Version}\nhello from the function\nEND RequestId: {request.RequestId}\n",
    };

    /// <summary>Answers every call with <paramref name="payload"/>.</summary>
    public void Returns(string payload, InvocationOutcome outcome = InvocationOutcome.Success) =>
        Respond = (r, _) => ValueTask.FromResult(Result(r, payload, outcome));
}

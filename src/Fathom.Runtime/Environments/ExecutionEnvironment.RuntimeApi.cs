using System.Globalization;
using System.Threading.Channels;
using Fathom.Runtime.RuntimeApi;

namespace Fathom.Runtime.Environments;

/// <summary>The Runtime API as this environment answers it (protocols.md section 1).</summary>
internal sealed partial class ExecutionEnvironment
{
    public ValueTask<RuntimeApiResponse> HandleAsync(RuntimeApiRequest request, CancellationToken cancellationToken)
    {
        var path = request.Path;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(NotFound());
        }

        var route = path[Prefix.Length..];
        if (route == "invocation/next")
        {
            return request.Method == "GET" ? NextAsync(cancellationToken) : ValueTask.FromResult(MethodNotAllowed());
        }

        if (route == "init/error")
        {
            return ValueTask.FromResult(request.Method == "POST" ? InitError(request) : MethodNotAllowed());
        }

        var parts = route.Split('/');
        if (parts.Length == 3 && parts[0] == "invocation" && parts[2] is "response" or "error")
        {
            return ValueTask.FromResult(request.Method == "POST" ? Answer(parts[1], parts[2] == "response", request) : MethodNotAllowed());
        }

        return ValueTask.FromResult(NotFound());
    }

    private async ValueTask<RuntimeApiResponse> NextAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_current is { Delivered: true })
            {
                return RuntimeApiResponse.InvalidState("InvocationNext", "InvocationNext");
            }
        }

        _ready.TrySetResult();
        PendingInvocation invocation;
        try
        {
            invocation = await _next.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return RuntimeApiResponse.Error(500, "Runtime.Stopping", "The execution environment is shutting down", close: true);
        }

        lock (_lock)
        {
            invocation.Delivered = true;
        }

        var headers = new List<KeyValuePair<string, string>>(5)
        {
            new("Lambda-Runtime-Aws-Request-Id", invocation.RequestId),
            new("Lambda-Runtime-Deadline-Ms", invocation.DeadlineMs.ToString(CultureInfo.InvariantCulture)),
            new("Lambda-Runtime-Invoked-Function-Arn", invocation.InvokedFunctionArn),
            new("Lambda-Runtime-Trace-Id", invocation.TraceId),
        };
        if (!string.IsNullOrEmpty(invocation.ClientContext))
        {
            headers.Add(new("Lambda-Runtime-Client-Context", invocation.ClientContext));
        }

        return new RuntimeApiResponse { Status = 200, Body = invocation.Payload, Headers = headers };
    }

    private RuntimeApiResponse Answer(string requestId, bool success, RuntimeApiRequest request)
    {
        PendingInvocation invocation;
        lock (_lock)
        {
            if (_current is null || _current.RequestId != requestId)
            {
                return requestId == _lastRequestId
                    ? RuntimeApiResponse.InvalidState("InvocationResponse", success ? "InvocationResponse" : "InvocationErrorResponse")
                    : RuntimeApiResponse.InvalidRequestId();
            }

            if (!_current.Delivered)
            {
                return RuntimeApiResponse.InvalidState("Ready", success ? "InvocationResponse" : "InvocationErrorResponse");
            }

            invocation = _current;
            _current = null;
            _lastRequestId = requestId;
        }

        if (request.BodyTooLarge)
        {
            var tooLarge = RuntimeApiResponse.Error(413, "RequestEntityTooLarge",
                $"Exceeded maximum allowed payload size ({RuntimeApiServer.MaxBodyBytes} bytes).", close: true);
            return new RuntimeApiResponse
            {
                Status = tooLarge.Status,
                Body = tooLarge.Body,
                Close = true,
                AfterWrite = () => invocation.Reply.TrySetResult(new RuntimeReply(RuntimeReplyKind.ResponseTooLarge, default, null, null)),
            };
        }

        var errorType = request.Header("Lambda-Runtime-Function-Error-Type");
        if (success && request.Trailers?.GetValueOrDefault("Lambda-Runtime-Function-Error-Type") is { Length: > 0 } streamedType)
        {
            // A streamed response that failed midway reports the error in trailers, the body base64-encoded.
            var body = request.Trailers.GetValueOrDefault("Lambda-Runtime-Function-Error-Body") is { } encoded
                ? TryBase64(encoded)
                : default;
            var streamed = new RuntimeReply(RuntimeReplyKind.Error, body, "application/json", streamedType);
            return RuntimeApiResponse.AcceptedThen(() => invocation.Reply.TrySetResult(streamed));
        }

        var reply = new RuntimeReply(success ? RuntimeReplyKind.Response : RuntimeReplyKind.Error, request.Body,
            request.Header("Content-Type"), errorType);
        return RuntimeApiResponse.AcceptedThen(() => invocation.Reply.TrySetResult(reply));
    }

    private RuntimeApiResponse InitError(RuntimeApiRequest request)
    {
        if (_ready.Task.IsCompleted)
        {
            return RuntimeApiResponse.InvalidState("Ready", "InitError");
        }

        _initError.TrySetResult(new RuntimeReply(RuntimeReplyKind.Error, request.Body, request.Header("Content-Type"),
            request.Header("Lambda-Runtime-Function-Error-Type")));
        return RuntimeApiResponse.Accepted;
    }

    private static ReadOnlyMemory<byte> TryBase64(string encoded)
    {
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return System.Text.Encoding.UTF8.GetBytes(encoded);
        }
    }

    private static RuntimeApiResponse NotFound() => RuntimeApiResponse.Error(404, "NotFound", "Not found");

    private static RuntimeApiResponse MethodNotAllowed() => RuntimeApiResponse.Error(405, "MethodNotAllowed", "Method not allowed");
}

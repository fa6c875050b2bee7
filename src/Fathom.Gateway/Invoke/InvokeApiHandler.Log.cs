using Fathom.Runtime.Invocations;
using Microsoft.Extensions.Logging;

namespace Fathom.Gateway.Invoke;

internal sealed partial class InvokeApiHandler
{
    [LoggerMessage(1, LogLevel.Error, "Invoking {FunctionName} (request {RequestId}) failed")]
    private static partial void LogInvokeFailed(ILogger logger, Exception exception, string functionName, string requestId);

    [LoggerMessage(2, LogLevel.Information, "Event invocation of {FunctionName} (request {RequestId}) ended with {Outcome}")]
    private static partial void LogAsyncFailed(ILogger logger, string functionName, string requestId, InvocationOutcome outcome);
}

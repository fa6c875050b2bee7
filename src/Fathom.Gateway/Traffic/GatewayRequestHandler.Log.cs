using Fathom.Runtime.Invocations;
using Microsoft.Extensions.Logging;

namespace Fathom.Gateway.Traffic;

internal sealed partial class GatewayRequestHandler
{
    [LoggerMessage(1, LogLevel.Debug, "No route for {Method} {Path}")]
    private static partial void LogNoRoute(ILogger logger, string method, string path);

    [LoggerMessage(2, LogLevel.Information, "Request to {Method} {Path} refused: the body is over the 6 MB event limit")]
    private static partial void LogTooLarge(ILogger logger, string method, string path);

    [LoggerMessage(3, LogLevel.Warning, "Route {RouteKey}: function {FunctionName} (qualifier {Qualifier}) not found")]
    private static partial void LogUnresolved(ILogger logger, string routeKey, string functionName, string? qualifier);

    [LoggerMessage(4, LogLevel.Warning, "Route {RouteKey} request {RequestId}: integration timed out after {TimeoutMs} ms")]
    private static partial void LogIntegrationTimeout(ILogger logger, string routeKey, string requestId, double timeoutMs);

    [LoggerMessage(5, LogLevel.Error, "Route {RouteKey} request {RequestId}: invoking the function failed")]
    private static partial void LogInvokeFailed(ILogger logger, Exception exception, string routeKey, string requestId);

    [LoggerMessage(6, LogLevel.Warning, "Route {RouteKey} request {RequestId}: malformed Lambda proxy response")]
    private static partial void LogMalformed(ILogger logger, string routeKey, string requestId);

    [LoggerMessage(7, LogLevel.Warning, "Route {RouteKey} request {RequestId}: throttled ({Reason})")]
    private static partial void LogThrottled(ILogger logger, string routeKey, string requestId, string? reason);

    [LoggerMessage(8, LogLevel.Information, "Route {RouteKey} request {RequestId}: function failed with {Outcome} {ErrorType}")]
    private static partial void LogFunctionError(ILogger logger, string routeKey, string requestId, InvocationOutcome outcome, string? errorType);

    [LoggerMessage(9, LogLevel.Information, "Request to {Method} {Path} refused: the body could not be read ({Reason})")]
    private static partial void LogUnreadableBody(ILogger logger, string method, string path, string reason);

    [LoggerMessage(10, LogLevel.Debug, "Route {RouteKey} request {RequestId}: refused by its authorizer ({Decision})")]
    private static partial void LogAuthorizerRefused(ILogger logger, string routeKey, string requestId, string decision);
}

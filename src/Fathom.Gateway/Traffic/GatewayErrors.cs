using System.Text;
using Fathom.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Fathom.Gateway.Traffic;

/// <summary>The error responses API Gateway itself produces, per API kind (docs/gateway-errors.md).</summary>
internal static class GatewayErrors
{
    public static string RequestIdHeader(ApiKind kind) => kind == ApiKind.Rest ? "x-amzn-RequestId" : "apigw-requestid";

    public static Task NoRouteAsync(HttpContext context, ApiKind kind) => kind == ApiKind.Rest
        ? WriteAsync(context, kind, 403, "Missing Authentication Token", "MissingAuthenticationTokenException")
        : WriteAsync(context, kind, 404, "Not Found");

    /// <summary>A function error, crash, function timeout, malformed proxy response or failed invoke.</summary>
    public static Task FunctionFailedAsync(HttpContext context, ApiKind kind) => kind == ApiKind.Rest
        ? WriteAsync(context, kind, 502, "Internal server error")
        : WriteAsync(context, kind, 500, "Internal Server Error");

    /// <summary>Lambda refused the call (unknown function, throttled): API Gateway answers 500 for both kinds.</summary>
    public static Task InvokeRejectedAsync(HttpContext context, ApiKind kind) =>
        WriteAsync(context, kind, 500, kind == ApiKind.Rest ? "Internal server error" : "Internal Server Error");

    public static Task IntegrationTimeoutAsync(HttpContext context, ApiKind kind) => kind == ApiKind.Rest
        ? WriteAsync(context, kind, 504, "Endpoint request timed out")
        : WriteAsync(context, kind, 503, "Service Unavailable");

    public static Task TooLargeAsync(HttpContext context, ApiKind kind) =>
        WriteAsync(context, kind, 413, kind == ApiKind.Rest ? "Request Too Long" : "Request Entity Too Large");

    /// <summary>A body Kestrel could not read (bad chunking, a stalled upload): its status, the reason as the message.</summary>
    public static Task UnreadableBodyAsync(HttpContext context, ApiKind kind, int status) => status == StatusCodes.Status413PayloadTooLarge
        ? TooLargeAsync(context, kind)
        : WriteAsync(context, kind, status, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason : "Bad Request");

    private static Task WriteAsync(HttpContext context, ApiKind kind, int status, string message, string? errorType = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (errorType is not null)
        {
            response.Headers["x-amzn-ErrorType"] = errorType;
        }

        // REST APIs put a space after the colon; HTTP APIs do not.
        var body = kind == ApiKind.Rest ? $"{{\"message\": \"{message}\"}}" : $"{{\"message\":\"{message}\"}}";
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }
}

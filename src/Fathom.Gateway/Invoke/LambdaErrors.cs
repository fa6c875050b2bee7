using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fathom.Gateway.Invoke;

/// <summary>Lambda's error responses: status, <c>x-amzn-ErrorType</c> and <c>{"Type","Message","message"}</c>, which the
/// aws CLI prints as "An error occurred (Code) when calling the Operation operation: message".</summary>
public static class LambdaErrors
{
    public static Task NotFoundAsync(HttpContext context, string arn) =>
        WriteAsync(context, 404, "ResourceNotFoundException", $"Function not found: {arn}");

    public static Task ResourceNotFoundAsync(HttpContext context, string message) =>
        WriteAsync(context, 404, "ResourceNotFoundException", message);

    public static Task ConflictAsync(HttpContext context, string message) =>
        WriteAsync(context, 409, "ResourceConflictException", message);

    public static Task PreconditionFailedAsync(HttpContext context, string message) =>
        WriteAsync(context, 412, "PreconditionFailedException", message);

    public static Task InvalidParameterAsync(HttpContext context, string message) =>
        WriteAsync(context, 400, "InvalidParameterValueException", message);

    public static Task InvalidContentAsync(HttpContext context, string message) =>
        WriteAsync(context, 400, "InvalidRequestContentException", message);

    public static Task TooLargeAsync(HttpContext context, string message) =>
        WriteAsync(context, 413, "RequestEntityTooLargeException", message);

    public static Task ThrottledAsync(HttpContext context, string reason, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(context, 429, "TooManyRequestsException", "Rate Exceeded.", reason);
    }

    public static Task ServiceErrorAsync(HttpContext context) =>
        WriteAsync(context, 500, "ServiceException", "The service encountered an internal error.", type: "Service");

    /// <summary>Answers a request under a Lambda date prefix that no Fathom endpoint took: when Lambda's model names an
    /// operation for it, <c>501 NotImplementedException</c> naming that operation (a status no SDK retries); otherwise
    /// <c>404 UnknownOperationException</c> naming the method and path.</summary>
    public static Task UnknownOperationAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return LambdaOperations.Find(request.Method, request.Path, request.Query) is { } operation
            ? WriteAsync(context, 501, "NotImplementedException", $"Fathom does not implement the Lambda operation {operation} yet")
            : WriteAsync(context, 404, "UnknownOperationException", $"No Lambda operation is {request.Method} {request.Path}");
    }

    /// <summary>Writes one error: <paramref name="code"/> goes in <c>x-amzn-ErrorType</c>, <paramref name="message"/> in the body.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string message, string? reason = null, string type = "User")
    {
        ArgumentNullException.ThrowIfNull(context);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Type", type);
            w.WriteString("Message", message);
            w.WriteString("message", message);
            if (reason is not null)
            {
                w.WriteString("Reason", reason);
            }

            w.WriteEndObject();
        }

        var response = context.Response;
        if (!response.Headers.ContainsKey("x-amzn-RequestId"))
        {
            response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        }

        response.StatusCode = status;
        response.Headers["x-amzn-ErrorType"] = code;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}

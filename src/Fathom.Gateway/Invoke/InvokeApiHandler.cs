using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fathom.Gateway.Functions;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;
using Fathom.Runtime.Invocations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fathom.Gateway.Invoke;

/// <summary>The Lambda Invoke API and the read-only management calls (protocols.md §3), as the aws CLI
/// and SDKs call them. Signatures are accepted without checking.</summary>
internal sealed partial class InvokeApiHandler(
    IFunctionResolver resolver,
    IFunctionInvoker invoker,
    IFunctionCatalog catalog,
    BackgroundInvocations background,
    IOptions<GatewayOptions> options,
    ILogger<InvokeApiHandler> logger)
{
    private const int LogTailBytes = 4096;
    private readonly GatewayOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context, string functionName)
    {
        var requestId = Guid.NewGuid().ToString();
        var request = context.Request;
        context.Response.Headers["x-amzn-RequestId"] = requestId;

        var invocationType = request.Headers["X-Amz-Invocation-Type"].ToString();
        if (invocationType.Length == 0)
        {
            invocationType = "RequestResponse";
        }

        if (invocationType is not ("RequestResponse" or "Event" or "DryRun"))
        {
            await LambdaErrors.InvalidParameterAsync(context, $"1 validation error detected: Value '{invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
            return;
        }

        var logType = request.Headers["X-Amz-Log-Type"].ToString();
        if (logType.Length > 0 && logType is not ("None" or "Tail"))
        {
            await LambdaErrors.InvalidParameterAsync(context, $"1 validation error detected: Value '{logType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]");
            return;
        }

        if (FunctionNameParser.Parse(functionName, request.Query["Qualifier"].ToString(), out var nameError) is not { } target)
        {
            await LambdaErrors.InvalidParameterAsync(context, nameError!);
            return;
        }

        var isEvent = invocationType == "Event";
        var limit = isEvent ? _options.MaxAsyncPayloadBytes : GatewayDefaults.MaxSyncPayloadBytes;
        byte[]? body;
        try
        {
            body = await RequestBodyReader.ReadAsync(request, limit, context.RequestAborted);
        }
        catch (Exception e) when ((e is IOException or OperationCanceledException) && context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (IOException e)
        {
            // BadHttpRequestException (a malformed or short body) is an IOException, and Kestrel reports some framing
            // errors, such as a chunk size that overflows, as a plain one: either way the client sent a bad body.
            await LambdaErrors.InvalidContentAsync(context, "Could not read the request body: " + e.Message);
            return;
        }

        if (body is null)
        {
            await LambdaErrors.TooLargeAsync(context, isEvent
                ? $"{request.ContentLength ?? limit + 1L} byte payload is too large for the Event invocation type (limit {limit} bytes)"
                : $"Request must be smaller than {limit} bytes for the InvokeFunction operation");
            return;
        }

        if (body.Length == 0)
        {
            body = "{}"u8.ToArray();
        }
        else if (JsonError(body) is { } jsonError)
        {
            await LambdaErrors.InvalidContentAsync(context, "Could not parse request body into json: " + jsonError);
            return;
        }

        string? clientContext = null;
        var encodedContext = request.Headers["X-Amz-Client-Context"].ToString();
        if (encodedContext.Length > 0)
        {
            clientContext = DecodeClientContext(encodedContext, out var contextError);
            if (contextError is not null)
            {
                await LambdaErrors.InvalidContentAsync(context, contextError);
                return;
            }
        }

        var resolution = await resolver.ResolveAsync(target, context.RequestAborted);
        if (resolution is null)
        {
            await LambdaErrors.NotFoundAsync(context, LambdaArn.For(_options, target.FunctionName, target.Qualifier));
            return;
        }

        var invocation = new InvocationRequest
        {
            App = resolution.App,
            Environment = resolution.Environment,
            FunctionName = resolution.FunctionName,
            Version = resolution.Version,
            Qualifier = target.Qualifier,
            Payload = body,
            Source = "invoke",
            RequestId = requestId,
            ClientContext = clientContext,
        };

        if (invocationType == "DryRun")
        {
            context.Response.StatusCode = 204;
            return;
        }

        if (isEvent)
        {
            background.Start(() => RunInBackgroundAsync(invocation));
            context.Response.StatusCode = 202;
            context.Response.ContentLength = 0;
            return;
        }

        InvocationResult result;
        try
        {
            result = await invoker.InvokeAsync(invocation, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (FunctionNotFoundException)
        {
            await LambdaErrors.NotFoundAsync(context, LambdaArn.For(_options, target.FunctionName, target.Qualifier));
            return;
        }
        catch (Exception e)
        {
            LogInvokeFailed(logger, e, target.FunctionName, requestId);
            await LambdaErrors.ServiceErrorAsync(context);
            return;
        }

        await WriteResultAsync(context, result, logType == "Tail");
    }

    public async Task ListFunctionsAsync(HttpContext context)
    {
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var query = context.Request.Query;
        var maxItems = 50;
        if (query["MaxItems"].ToString() is { Length: > 0 } maxText
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out maxItems) || maxItems is < 1 or > 10_000))
        {
            await LambdaErrors.InvalidParameterAsync(context, $"1 validation error detected: Value '{maxText}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000");
            return;
        }

        var offset = 0;
        if (query["Marker"].ToString() is { Length: > 0 } marker && !TryDecodeMarker(marker, out offset))
        {
            await LambdaErrors.InvalidParameterAsync(context, "Invalid marker: " + marker);
            return;
        }

        var all = query["FunctionVersion"].ToString() == "ALL";
        var entries = new List<(string Name, FunctionVersionInfo Version)>();
        foreach (var function in await catalog.ListFunctionsAsync(context.RequestAborted))
        {
            entries.Add((function.Name, function.Latest));
            if (all)
            {
                entries.AddRange(function.Versions.Select(v => (function.Name, v)));
            }
        }

        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Functions");
            foreach (var (name, version) in entries.Skip(offset).Take(maxItems))
            {
                FunctionConfigurationWriter.Write(w, name, version, version.Version == "$LATEST" ? null : version.Version, _options);
            }

            w.WriteEndArray();
            if (offset + maxItems < entries.Count)
            {
                w.WriteString("NextMarker", EncodeMarker(offset + maxItems));
            }

            w.WriteEndObject();
        });
    }

    public Task GetFunctionAsync(HttpContext context, string functionName) => GetAsync(context, functionName, configurationOnly: false);

    public Task GetFunctionConfigurationAsync(HttpContext context, string functionName) => GetAsync(context, functionName, configurationOnly: true);

    private async Task GetAsync(HttpContext context, string functionName, bool configurationOnly)
    {
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (FunctionNameParser.Parse(functionName, context.Request.Query["Qualifier"].ToString(), out var nameError) is not { } target)
        {
            await LambdaErrors.InvalidParameterAsync(context, nameError!);
            return;
        }

        var function = await catalog.GetFunctionAsync(target.FunctionName, context.RequestAborted);
        var version = target.Qualifier is null ? "$LATEST" : (await resolver.ResolveAsync(target, context.RequestAborted))?.Version;
        var configuration = version is null ? null : function?.FindVersion(version);
        if (function is null || configuration is null)
        {
            await LambdaErrors.NotFoundAsync(context, LambdaArn.For(_options, target.FunctionName, target.Qualifier));
            return;
        }

        await WriteJsonAsync(context, 200, w =>
        {
            if (configurationOnly)
            {
                FunctionConfigurationWriter.Write(w, function.Name, configuration, target.Qualifier, _options);
                return;
            }

            w.WriteStartObject();
            w.WritePropertyName("Configuration");
            FunctionConfigurationWriter.Write(w, function.Name, configuration, target.Qualifier, _options);
            w.WriteStartObject("Code");
            w.WriteString("RepositoryType", "S3");
            w.WriteEndObject();
            w.WriteStartObject("Tags");
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private async Task RunInBackgroundAsync(InvocationRequest invocation)
    {
        try
        {
            var result = await invoker.InvokeAsync(invocation, CancellationToken.None);
            if (result.IsError)
            {
                LogAsyncFailed(logger, invocation.FunctionName, invocation.RequestId!, result.Outcome);
            }
        }
        catch (Exception e)
        {
            LogInvokeFailed(logger, e, invocation.FunctionName, invocation.RequestId!);
        }
    }

    private async Task WriteResultAsync(HttpContext context, InvocationResult result, bool tail)
    {
        var response = context.Response;
        if (result.Outcome == InvocationOutcome.Throttled)
        {
            await LambdaErrors.ThrottledAsync(context, result.ThrottleReason ?? "ReservedFunctionConcurrentInvocationLimitExceeded", _options.ThrottleRetryAfterSeconds);
            return;
        }

        response.StatusCode = 200;
        response.Headers["X-Amz-Executed-Version"] = result.ExecutedVersion;
        if (tail)
        {
            var log = Encoding.UTF8.GetBytes(result.LogTail);
            response.Headers["X-Amz-Log-Result"] = Convert.ToBase64String(log.AsSpan(Math.Max(0, log.Length - LogTailBytes)));
        }

        var payload = result.Payload;
        if (result.IsError)
        {
            response.Headers["X-Amz-Function-Error"] = "Unhandled";
            if (payload.IsEmpty)
            {
                payload = ErrorPayload(result);
            }
        }

        response.ContentType = result.ContentType ?? "application/json";
        response.ContentLength = payload.Length;
        await response.Body.WriteAsync(payload, context.RequestAborted);
    }

    private static byte[] ErrorPayload(InvocationResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("errorType", result.ErrorType ?? result.Outcome.ToString());
            w.WriteString("errorMessage", result.ErrorMessage ?? result.Outcome.ToString());
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string EncodeMarker(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecodeMarker(string marker, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(marker));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}

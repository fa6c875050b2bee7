using System.Net;
using Fathom.Gateway.Authorizers;
using Fathom.Gateway.Events;
using Fathom.Gateway.Functions;
using Fathom.Gateway.Routing;
using Fathom.Runtime.Invocations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fathom.Gateway.Traffic;

/// <summary>Serves app traffic: matches a route, builds the event, invokes the function and maps the answer
/// the way API Gateway does for the route's API kind.</summary>
internal sealed partial class GatewayRequestHandler(
    GatewayState state,
    IFunctionResolver resolver,
    IFunctionInvoker invoker,
    IOptions<GatewayOptions> options,
    GatewayEventHub events,
    RouteAuthorizer authorizer,
    TimeProvider time,
    ILogger<GatewayRequestHandler> logger)
{
    private readonly GatewayOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        var arrived = time.GetUtcNow();
        var started = time.GetTimestamp();
        var exchange = new GatewayExchange(Guid.NewGuid().ToString());
        try
        {
            await HandleCoreAsync(context, exchange);
        }
        finally
        {
            var resolution = exchange.Resolution;
            events.Publish(new GatewayRequestCompleted
            {
                RequestId = exchange.RequestId,
                Time = arrived,
                App = resolution?.App,
                Environment = resolution?.Environment,
                RouteKey = exchange.RouteKey,
                Method = context.Request.Method,
                Status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode,
                Latency = time.GetElapsedTime(started),
                Function = resolution?.FunctionName,
                Version = resolution?.Version,
                Qualifier = exchange.Qualifier,
                AuthorizerDecision = exchange.AuthorizerDecision,
            });
        }
    }

    private async Task HandleCoreAsync(HttpContext context, GatewayExchange exchange)
    {
        var table = state.Current;
        var request = context.Request;
        var requestId = exchange.RequestId;
        var (rawPath, rawQuery) = SplitTarget(context);
        var segments = Segments(rawPath);
        var method = request.Method.ToUpperInvariant();

        if (CorsResponder.IsPreflight(request))
        {
            var corsRoute = PreflightRoute(table, segments, request.Headers["Access-Control-Request-Method"].ToString());
            if (corsRoute is not null)
            {
                context.Response.Headers[GatewayErrors.RequestIdHeader(corsRoute.Kind)] = requestId;
                CorsResponder.WritePreflight(context, corsRoute);
                return;
            }
        }

        var match = table.Match(method, segments);
        if (match is null)
        {
            var kind = table.HasRestRoutes && !table.HasHttpRoutes ? ApiKind.Rest : ApiKind.Http;
            context.Response.Headers[GatewayErrors.RequestIdHeader(kind)] = requestId;
            LogNoRoute(logger, method, rawPath);
            await GatewayErrors.NoRouteAsync(context, kind);
            return;
        }

        var route = match.Route;
        exchange.RouteKey = route.RouteKey;
        exchange.Qualifier = route.Target.Qualifier;
        context.Response.Headers[GatewayErrors.RequestIdHeader(route.Kind)] = requestId;
        var textual = BodyEncoding.IsTextual(request.ContentType);
        byte[]? raw;
        try
        {
            raw = await RequestBodyReader.ReadAsync(request, BodyEncoding.RawLimit(textual, GatewayDefaults.MaxSyncPayloadBytes), context.RequestAborted);
        }
        catch (Exception e) when ((e is IOException or OperationCanceledException) && context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (BadHttpRequestException e)
        {
            // A malformed body (bad chunking, shorter than declared) is the client's mistake.
            LogUnreadableBody(logger, method, rawPath, e.Message);
            await GatewayErrors.UnreadableBodyAsync(context, route.Kind, e.StatusCode);
            return;
        }
        catch (IOException e)
        {
            // Kestrel reports some framing errors, such as a chunk size that overflows, as a plain IOException.
            LogUnreadableBody(logger, method, rawPath, e.Message);
            await GatewayErrors.UnreadableBodyAsync(context, route.Kind, StatusCodes.Status400BadRequest);
            return;
        }

        var (body, isBase64) = raw is null ? (null, false) : BodyEncoding.Encode(raw, textual);
        if (raw is null || body?.Length > GatewayDefaults.MaxSyncPayloadBytes)
        {
            LogTooLarge(logger, method, rawPath);
            await GatewayErrors.TooLargeAsync(context, route.Kind);
            return;
        }

        var traceId = TraceIdFor(request, time);
        var gatewayRequest = Capture(context, requestId, traceId, method, rawPath, rawQuery, body, isBase64);
        AuthorizerVerdict verdict;
        try
        {
            verdict = await authorizer.AuthorizeAsync(gatewayRequest, match, traceId, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (route.Config.Auth is not null)
        {
            exchange.AuthorizerDecision = verdict.Decision;
        }

        if (!verdict.Allowed)
        {
            LogAuthorizerRefused(logger, route.RouteKey, requestId, verdict.Decision);
            await AuthorizerResponses.WriteAsync(context, route.Kind, verdict);
            return;
        }

        var payload = route.PayloadVersion == "2.0"
            ? HttpEventWriter.Write(gatewayRequest, match, _options, verdict.Context)
            : RestEventWriter.Write(gatewayRequest, match, _options, verdict.Context);

        await InvokeAsync(context, route, exchange, traceId, payload);
    }

    private async Task InvokeAsync(HttpContext context, RouteModel route, GatewayExchange exchange, string traceId, byte[] payload)
    {
        var requestId = exchange.RequestId;
        var aborted = context.RequestAborted;
        using var timeout = new CancellationTokenSource(route.IntegrationTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, aborted);
        InvocationResult result;
        try
        {
            var resolution = await resolver.ResolveAsync(route.Target, linked.Token);
            if (resolution is null)
            {
                LogUnresolved(logger, route.RouteKey, route.Target.FunctionName, route.Target.Qualifier);
                await GatewayErrors.InvokeRejectedAsync(context, route.Kind);
                return;
            }

            exchange.Resolution = resolution;
            var invocation = invoker.InvokeAsync(
                new InvocationRequest
                {
                    App = resolution.App,
                    Environment = resolution.Environment,
                    FunctionName = resolution.FunctionName,
                    Version = resolution.Version,
                    Qualifier = route.Target.Qualifier,
                    Payload = payload,
                    Source = "api",
                    RequestId = requestId,
                    TraceId = traceId,
                    Deadline = time.GetUtcNow() + route.IntegrationTimeout,
                },
                linked.Token).AsTask();

            // An invoker that ignores cancellation must not hold the client past the integration timeout;
            // a failure it reports after we stopped waiting is observed here instead of going unobserved.
            _ = invocation.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            result = await invocation.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogIntegrationTimeout(logger, route.RouteKey, requestId, route.IntegrationTimeout.TotalMilliseconds);
            await GatewayErrors.IntegrationTimeoutAsync(context, route.Kind);
            return;
        }
        catch (FunctionNotFoundException e)
        {
            LogUnresolved(logger, route.RouteKey, e.FunctionName, e.Version);
            await GatewayErrors.InvokeRejectedAsync(context, route.Kind);
            return;
        }
        catch (Exception e)
        {
            LogInvokeFailed(logger, e, route.RouteKey, requestId);
            await GatewayErrors.InvokeRejectedAsync(context, route.Kind);
            return;
        }

        await WriteResultAsync(context, route, requestId, result, timeout.IsCancellationRequested);
    }

    private async Task WriteResultAsync(HttpContext context, RouteModel route, string requestId, InvocationResult result, bool timedOut)
    {
        switch (result.Outcome)
        {
            case InvocationOutcome.Success:
                var response = ProxyResponseReader.Read(result.Payload, route.PayloadVersion);

                // An interim (1xx) status cannot end a response; HTTP sends neither.
                if (response is null || response.StatusCode < 200)
                {
                    LogMalformed(logger, route.RouteKey, requestId);
                    await GatewayErrors.FunctionFailedAsync(context, route.Kind);
                    return;
                }

                var headers = context.Response.Headers;
                foreach (var (name, value) in response.Headers)
                {
                    headers.Append(name, value);
                }

                CorsResponder.Decorate(context, route);
                context.Response.StatusCode = response.StatusCode;
                if (response.StatusCode is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
                {
                    // These statuses carry no body by definition; Kestrel refuses to write one.
                    return;
                }

                context.Response.ContentLength = response.Body.Length;
                await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
                return;
            case InvocationOutcome.Throttled:
                LogThrottled(logger, route.RouteKey, requestId, result.ThrottleReason);
                await GatewayErrors.InvokeRejectedAsync(context, route.Kind);
                return;
            case InvocationOutcome.Timeout when timedOut:
                LogIntegrationTimeout(logger, route.RouteKey, requestId, route.IntegrationTimeout.TotalMilliseconds);
                await GatewayErrors.IntegrationTimeoutAsync(context, route.Kind);
                return;
            default:
                LogFunctionError(logger, route.RouteKey, requestId, result.Outcome, result.ErrorType);
                await GatewayErrors.FunctionFailedAsync(context, route.Kind);
                return;
        }
    }

    private static RouteModel? PreflightRoute(RouteTableModel table, IReadOnlyList<string> segments, string requestedMethod)
    {
        var candidates = table.RoutesForPath(segments).Where(r => r.Config.Cors is not null).ToList();
        return candidates.FirstOrDefault(r => r.AcceptsMethod(requestedMethod.ToUpperInvariant())) ?? candidates.FirstOrDefault();
    }

    private GatewayRequest Capture(HttpContext context, string requestId, string traceId, string method, string rawPath, string rawQuery, string? body, bool isBase64)
    {
        var request = context.Request;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? ""));
            }
        }

        var ip = context.Connection.RemoteIpAddress;
        if (ip is { IsIPv4MappedToIPv6: true })
        {
            ip = ip.MapToIPv4();
        }

        var sourceIp = ip?.ToString() ?? IPAddress.Loopback.ToString();
        AddForwarded(headers, sourceIp, context.Connection.LocalPort, traceId);

        return new GatewayRequest
        {
            RequestId = requestId,
            Time = time.GetUtcNow(),
            Method = method,
            RawPath = rawPath,
            Path = Decode(rawPath),
            RawQuery = rawQuery,
            Query = ParseQuery(rawQuery),
            Headers = headers,
            Protocol = request.Protocol,
            SourceIp = sourceIp,
            UserAgent = request.Headers.UserAgent.ToString(),
            Host = request.Host.Value ?? "",
            Body = body,
            IsBase64Encoded = isBase64,
        };
    }

    // API Gateway adds these before the event is built; a function that builds absolute URLs relies on them.
    private static void AddForwarded(List<KeyValuePair<string, string>> headers, string sourceIp, int localPort, string traceId)
    {
        var forwardedFor = headers.FindIndex(h => h.Key.Equals("X-Forwarded-For", StringComparison.OrdinalIgnoreCase));
        if (forwardedFor >= 0)
        {
            headers[forwardedFor] = new(headers[forwardedFor].Key, headers[forwardedFor].Value + ", " + sourceIp);
        }
        else
        {
            headers.Add(new("X-Forwarded-For", sourceIp));
        }

        foreach (var (name, value) in (KeyValuePair<string, string>[])[
            new("X-Forwarded-Port", localPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("X-Forwarded-Proto", "http"),
            new("X-Amzn-Trace-Id", traceId)])
        {
            if (!headers.Exists(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new(name, value));
            }
        }
    }

    /// <summary>The client's X-Ray header when it sent one, else a new root id (<c>Root=1-{epoch hex}-{24 hex}</c>).</summary>
    private static string TraceIdFor(HttpRequest request, TimeProvider time)
    {
        var sent = request.Headers["X-Amzn-Trace-Id"].ToString();
        if (sent.Length > 0)
        {
            return sent;
        }

        var epoch = time.GetUtcNow().ToUnixTimeSeconds().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return $"Root=1-{epoch}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12))}";
    }

    private static (string RawPath, string RawQuery) SplitTarget(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || !target.StartsWith('/'))
        {
            // Absolute-form or missing targets: fall back to what ASP.NET parsed.
            return ((context.Request.PathBase + context.Request.Path).ToUriComponent(), context.Request.QueryString.Value?.TrimStart('?') ?? "");
        }

        var q = target.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (target, "") : (target[..q], target[(q + 1)..]);
    }

    private static List<string> Segments(string rawPath) =>
        rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Decode).ToList();

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add(new(Decode(name.Replace('+', ' ')), Decode(value.Replace('+', ' '))));
        }

        return pairs;
    }
}

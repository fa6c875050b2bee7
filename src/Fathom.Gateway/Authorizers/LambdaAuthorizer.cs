using System.Text;
using Fathom.Gateway.Functions;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;
using Fathom.Runtime.Invocations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fathom.Gateway.Authorizers;

/// <summary>Runs a Lambda authorizer: reads the identity sources (a missing one is 401 without a call), answers from
/// the cache or invokes the function through the same invoker as integrations with source <c>authorizer</c>, and
/// judges the answer against the request's method ARN.</summary>
internal sealed partial class LambdaAuthorizer(
    IFunctionResolver resolver,
    IFunctionInvoker invoker,
    AuthorizerCache cache,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<LambdaAuthorizer> logger)
{
    /// <summary>How long the gateway waits for an authorizer; past it the request gets the authorizer-failure answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly GatewayOptions _options = options.Value;

    public async Task<AuthorizerVerdict> AuthorizeAsync(AuthorizerSettings settings, GatewayRequest request, RouteMatch match, string traceId, CancellationToken cancellationToken)
    {
        var route = match.Route;
        var sources = Sources(settings);
        var values = sources.Select(s => s?.Read(request, route)).ToList();
        var complete = values.Count > 0 && values.All(v => v is not null);

        // HTTP APIs and TOKEN authorizers need every identity source; a REST REQUEST authorizer only when it caches.
        var required = route.Kind == ApiKind.Http || settings.Type == AuthorizerType.Token || settings.ResultTtlSeconds > 0;
        if (!complete && required && values.Count > 0)
        {
            return new AuthorizerVerdict(AuthorizerOutcome.Unauthorized);
        }

        if (settings.Type == AuthorizerType.Token && settings.ValidationExpression is { Length: > 0 } pattern
            && !TokenPattern.Matches(pattern, values[0]!))
        {
            return new AuthorizerVerdict(AuthorizerOutcome.Unauthorized);
        }

        var methodArn = MethodArn.For(_options.Region, _options.AccountId, route.Config.ApiId, route.Stage, request.Method, request.Path);
        var key = complete && settings.ResultTtlSeconds > 0
            ? string.Join('\u0001', [route.Config.ApiId, settings.Name, .. values!])
            : null;
        var answer = key is null ? null : cache.Get(key);
        long latency = 0;
        if (answer is null)
        {
            var started = time.GetTimestamp();
            var payload = settings.Type == AuthorizerType.Token
                ? LambdaAuthorizerEvents.Token(values[0]!, methodArn)
                : LambdaAuthorizerEvents.Request(request, match, _options, settings, methodArn, [.. values.Select(v => v ?? "")]);
            var (outcome, result) = await InvokeAsync(settings, route, payload, traceId, cancellationToken);
            latency = (long)time.GetElapsedTime(started).TotalMilliseconds;
            if (outcome is not null)
            {
                return new AuthorizerVerdict(outcome.Value);
            }

            answer = LambdaAuthorizerAnswer.Parse(result!.Payload, settings, route.Kind);
            if (answer is null)
            {
                LogInvalidAnswer(logger, settings.Name, route.RouteKey, Preview(result.Payload));
                return new AuthorizerVerdict(AuthorizerOutcome.Error);
            }

            if (key is not null)
            {
                cache.Set(key, answer, settings.ResultTtlSeconds);
            }
        }

        var judged = answer.Judge(methodArn);
        if (judged == AuthorizerOutcome.Error)
        {
            LogInvalidAnswer(logger, settings.Name, route.RouteKey, "the policy document has no valid statement");
        }

        return judged == AuthorizerOutcome.Allow
            ? new AuthorizerVerdict(judged, answer.IntegrationContext(route, latency))
            : new AuthorizerVerdict(judged);
    }

    /// <summary>Invokes the authorizer: the result on success, else the refusal to give.</summary>
    private async Task<(AuthorizerOutcome? Refusal, InvocationResult? Result)> InvokeAsync(
        AuthorizerSettings settings, RouteModel route, byte[] payload, string traceId, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var resolution = await resolver.ResolveAsync(new FunctionTarget(settings.FunctionName ?? "", settings.Qualifier), linked.Token);
            if (resolution is null)
            {
                LogAuthorizerMissing(logger, settings.Name, settings.FunctionName);
                return (AuthorizerOutcome.Error, null);
            }

            var result = await invoker.InvokeAsync(
                new InvocationRequest
                {
                    App = resolution.App,
                    Environment = resolution.Environment,
                    FunctionName = resolution.FunctionName,
                    Version = resolution.Version,
                    Qualifier = settings.Qualifier,
                    Payload = payload,
                    Source = "authorizer",
                    TraceId = traceId,
                    Deadline = time.GetUtcNow() + Timeout,
                },
                linked.Token).AsTask().WaitAsync(linked.Token);
            if (result.Outcome == InvocationOutcome.Success)
            {
                return (null, result);
            }

            // Only the exact error "Unauthorized" means 401; anything else is an authorizer failure.
            if (result.Outcome == InvocationOutcome.FunctionError && result.ErrorMessage == "Unauthorized")
            {
                return (AuthorizerOutcome.Unauthorized, null);
            }

            LogAuthorizerFailed(logger, settings.Name, route.RouteKey, result.Outcome, result.ErrorType, result.ErrorMessage);
            return (AuthorizerOutcome.Error, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogAuthorizerFailed(logger, settings.Name, route.RouteKey, InvocationOutcome.Timeout, null, $"no answer within {Timeout.TotalSeconds:0} s");
            return (AuthorizerOutcome.Error, null);
        }
        catch (FunctionNotFoundException)
        {
            LogAuthorizerMissing(logger, settings.Name, settings.FunctionName);
            return (AuthorizerOutcome.Error, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAuthorizerFailed(logger, settings.Name, route.RouteKey, InvocationOutcome.Crash, e.GetType().Name, e.Message);
            return (AuthorizerOutcome.Error, null);
        }
    }

    private static List<IdentitySource?> Sources(AuthorizerSettings settings)
    {
        var texts = settings.IdentitySources.Count > 0 || settings.Type != AuthorizerType.Token
            ? settings.IdentitySources
            : ["method.request.header.Authorization"];
        return [.. texts.Select(IdentitySource.Parse)];
    }

    private static string Preview(ReadOnlyMemory<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload.Span);
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    [LoggerMessage(1, LogLevel.Warning, "Authorizer {Authorizer} (route {RouteKey}) returned an answer API Gateway would refuse, so the request got 500: {Answer}")]
    private static partial void LogInvalidAnswer(ILogger logger, string authorizer, string routeKey, string answer);

    [LoggerMessage(2, LogLevel.Warning, "Authorizer {Authorizer}: its function {FunctionName} is not deployed; requests it judges get 500")]
    private static partial void LogAuthorizerMissing(ILogger logger, string authorizer, string? functionName);

    [LoggerMessage(3, LogLevel.Information, "Authorizer {Authorizer} (route {RouteKey}) failed with {Outcome} {ErrorType}: {ErrorMessage}")]
    private static partial void LogAuthorizerFailed(ILogger logger, string authorizer, string routeKey, InvocationOutcome outcome, string? errorType, string? errorMessage);
}

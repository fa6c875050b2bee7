using System.Globalization;
using System.Text.Json;
using Fathom.Platform.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Alerting.Notifications;

/// <summary><c>GET /fathom/v1/notifications?app=&amp;env=&amp;limit=</c> (recent deliveries, newest first) and
/// <c>POST /fathom/v1/notifications/test</c> <c>{"channel"}</c> (sends a test message now and says how it went).</summary>
internal static class NotificationEndpoints
{
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/fathom/v1/notifications", ListAsync).RequireAuthorization(AccessPolicies.Read);
        endpoints.MapPost("/fathom/v1/notifications/test", TestAsync).RequireAuthorization(AccessPolicies.Deploy);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, NotificationOutbox outbox)
    {
        var query = context.Request.Query;
        var limit = 50;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problem(StatusCodes.Status400BadRequest, $"limit: '{limitText}' is not a number from 1 to {MaxLimit}");
        }

        var app = query["app"].ToString() is { Length: > 0 } a ? a : null;
        var env = query["env"].ToString() is { Length: > 0 } e ? e : null;
        var deliveries = await outbox.RecentAsync(app, env, limit, context.RequestAborted);
        return Results.Json(new { deliveries = deliveries.Select(Describe) });
    }

    private static async Task<IResult> TestAsync(HttpContext context, NotificationOutbox outbox, NotificationWorker worker, INotificationChannels channels, TimeProvider time)
    {
        TestRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<TestRequest>(context.Request.Body, JsonSerializerOptions.Web, context.RequestAborted);
        }
        catch (JsonException error)
        {
            return Problem(StatusCodes.Status400BadRequest, $"the body must be JSON like {{\"channel\": \"ops\"}}: {error.Message}");
        }

        if (request?.Channel is not { Length: > 0 } name)
        {
            return Problem(StatusCodes.Status400BadRequest, "channel is required: the name of a channel under notifications.channels in fathom.yaml");
        }

        var query = context.Request.Query;
        var app = query["app"].ToString() is { Length: > 0 } a ? a : request.App;
        var env = query["env"].ToString() is { Length: > 0 } e ? e : request.Env;
        var candidates = channels.Environments
            .Where(x => (app is null || x.App == app) && (env is null || x.Environment == env))
            .Select(x => (x.App, x.Environment, Channel: channels.Find(x.App, x.Environment).Channels.FirstOrDefault(c => c.Name == name)))
            .Where(x => x.Channel is not null)
            .ToList();
        if (candidates.Count == 0)
        {
            var where = app is null && env is null ? "any environment" : $"{app ?? "*"}/{env ?? "*"}";
            return Problem(StatusCodes.Status404NotFound, $"no notification channel named '{name}' in {where}; channels come from the notifications section of fathom.yaml");
        }

        if (candidates.Count > 1)
        {
            return Problem(StatusCodes.Status400BadRequest,
                $"'{name}' is a channel of {string.Join(", ", candidates.Select(c => $"{c.App}/{c.Environment}"))}: name one with --app and --env");
        }

        var (targetApp, targetEnv, channel) = candidates[0];
        var now = time.GetUtcNow();
        var testEvent = NotificationTest.Event(targetApp, targetEnv, now);
        var delivery = new NotificationDelivery
        {
            App = targetApp, Environment = targetEnv, Target = DeliveryTarget.ForChannel(channel!), EventId = testEvent.Id, EventKind = NotificationTest.Kind,
            EventJson = JsonSerializer.Serialize(testEvent, NotificationJson.Default.PlatformEvent), Created = now,
            // Never due for the worker: this request makes its one attempt itself.
            NextAttempt = DateTimeOffset.MaxValue.AddYears(-1),
        };
        await outbox.AddAsync([delivery], context.RequestAborted);
        var stored = (await outbox.RecentAsync(targetApp, targetEnv, 20, context.RequestAborted)).First(d => d.EventId == testEvent.Id && d.Target.Name == name);
        var result = await worker.AttemptAsync(stored, context.RequestAborted);
        return result.Status == NotificationStatus.Sent
            ? Results.Json(Describe(result))
            : Problem(StatusCodes.Status502BadGateway, $"the test message to '{name}' was not delivered: {result.LastError}");
    }

    private static object Describe(NotificationDelivery d) => new
    {
        id = d.Id,
        app = d.App,
        environment = d.Environment,
        channel = d.Target.Name,
        type = d.Target.Kind.ToString().ToLowerInvariant(),
        @event = new { id = d.EventId, kind = d.EventKind },
        status = d.Status,
        attempts = d.Attempts,
        lastError = d.LastError,
        created = d.Created,
        lastAttempt = d.LastAttempt,
        nextAttempt = d.Status == NotificationStatus.Pending ? d.NextAttempt : (DateTimeOffset?)null,
        sent = d.Sent,
    };

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    private sealed record TestRequest(string? Channel, string? App, string? Env);
}

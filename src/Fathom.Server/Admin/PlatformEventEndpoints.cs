using Fathom.Platform.Access;
using System.Globalization;
using Fathom.Platform.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Server.Admin;

/// <summary><c>GET /fathom/v1/events?after=&amp;function=&amp;kind=&amp;limit=</c>: platform events after a cursor, oldest
/// first; <c>next</c> is the cursor to ask with next time (the last id, or <c>after</c> when there was nothing new).</summary>
internal static class PlatformEventEndpoints
{
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapPlatformEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/fathom/v1/events", ListAsync).RequireAuthorization(AccessPolicies.Read);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, PlatformEventStore store)
    {
        var query = context.Request.Query;
        long after = 0;
        if (query["after"].ToString() is { Length: > 0 } afterText && !long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return BadRequest($"after: '{afterText}' is not a cursor from this list");
        }

        var limit = 100;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return BadRequest($"limit: '{limitText}' is not a number from 1 to {MaxLimit}");
        }

        var kind = query["kind"].ToString() is { Length: > 0 } k ? k : null;
        if (kind is not null && !PlatformEventKinds.IsKnown(kind))
        {
            return BadRequest($"kind: '{kind}' is not one of {string.Join(", ", PlatformEventKinds.All)}");
        }

        var function = query["function"].ToString() is { Length: > 0 } f ? f : null;
        var events = await store.ReadAfterAsync(after, function, kind, limit, context.RequestAborted);
        return Results.Json(new
        {
            events = events.Select(e => new
            {
                id = e.Id.ToString(CultureInfo.InvariantCulture),
                time = e.Time,
                kind = e.Kind,
                app = e.App,
                environment = e.Environment,
                function = e.Function,
                version = e.Version,
                dedupeKey = e.DedupeKey,
                payload = System.Text.Json.Nodes.JsonNode.Parse(e.Payload),
            }),
            next = (events.Count > 0 ? events[^1].Id : after).ToString(CultureInfo.InvariantCulture),
        });
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}

using System.Globalization;
using System.Text.Json;
using Fathom.Telemetry.Logs;
using Microsoft.AspNetCore.Http;

namespace Fathom.Telemetry.Errors;

/// <summary>The errors API on the admin port: the issue list (cursor-paged), one issue with its samples and the log
/// lines of its latest sample's request, and state changes. Bad input is a 400 and an unknown id a 404, both as
/// <c>application/problem+json</c>.</summary>
internal static class ErrorEndpoints
{
    public static async Task<IResult> ListAsync(HttpContext context, ErrorStore store)
    {
        var request = context.Request.Query;
        var query = new IssueQuery
        {
            Function = request["function"].ToString() is { Length: > 0 } fn ? fn : null,
            State = request["status"].ToString() is { Length: > 0 } status ? status : null,
            App = request["app"].ToString() is { Length: > 0 } app ? app : null,
            Environment = request["env"].ToString() is { Length: > 0 } env ? env : null,
        };
        if (query.State is { } state && !IssueStates.IsKnown(state))
        {
            return BadRequest($"status: '{state}' is not one of unresolved, resolved, resolvedInNextVersion, ignored");
        }

        if (request["limit"].ToString() is { Length: > 0 } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > IssueQuery.MaxLimit)
            {
                return BadRequest($"limit: '{limitText}' is not a number from 1 to {IssueQuery.MaxLimit}");
            }

            query = query with { Limit = limit };
        }

        if (request["cursor"].ToString() is { Length: > 0 } cursorText)
        {
            if (!IssueCursor.TryParse(cursorText, out var cursor))
            {
                return BadRequest($"cursor: '{cursorText}' is not a cursor from this list");
            }

            query = query with { Cursor = cursor };
        }

        var page = await store.ListAsync(query, context.RequestAborted);
        return Results.Json(new { issues = page.Issues, next = page.Next?.ToString() }, ErrorEventJson.Options);
    }

    public static async Task<IResult> ShowAsync(HttpContext context, string id, ErrorStore store, LogStore logs)
    {
        if (!TryId(id, out var issueId, out var problem))
        {
            return problem!;
        }

        var issue = await store.GetAsync(issueId, context.RequestAborted);
        if (issue is null)
        {
            return NotFound(id);
        }

        var samples = await store.SamplesAsync(issueId, context.RequestAborted);
        var hours = await store.HoursAsync(issueId, context.RequestAborted);
        var requestId = samples.FirstOrDefault(s => s.Event.RequestId is not null)?.Event.RequestId;
        var lines = requestId is null ? [] : await logs.ReadRequestAsync(requestId, context.RequestAborted);
        // Built in memory: the serializer flushes synchronously, which Kestrel refuses on a response stream.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, LogJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WritePropertyName("issue");
            JsonSerializer.Serialize(json, issue, ErrorEventJson.Options);
            json.WriteStartArray("hours");
            foreach (var (hour, count) in hours)
            {
                json.WriteStartObject();
                json.WriteString("hour", hour.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("samples");
            foreach (var sample in samples)
            {
                JsonSerializer.Serialize(json, sample.Event, ErrorEventJson.Options);
            }

            json.WriteEndArray();
            json.WriteStartArray("logs");
            foreach (var line in lines)
            {
                LogJson.Write(json, line);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    public static async Task<IResult> SetStateAsync(HttpContext context, string id, string action, ErrorStore store, ErrorTracker tracker, TimeProvider time)
    {
        if (!TryId(id, out var issueId, out var problem))
        {
            return problem!;
        }

        JsonElement body = default;
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return BadRequest("the body must be a JSON object");
                }

                body = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                return BadRequest($"the body is not JSON: {e.Message}");
            }
        }

        if (!IssueStateParser.TryParse(action, body, time.GetUtcNow(), out var request, out var error))
        {
            return BadRequest(error!);
        }

        var change = await store.SetStateAsync(issueId, request!, context.RequestAborted);
        if (change is null)
        {
            return NotFound(id);
        }

        await tracker.PublishAsync(change, null);
        var issue = await store.GetAsync(issueId, context.RequestAborted);
        return Results.Json(new { issue }, ErrorEventJson.Options);
    }

    private static bool TryId(string id, out long issueId, out IResult? problem)
    {
        problem = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out issueId) ? null : BadRequest($"'{id}' is not an issue id");
        return problem is null;
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    private static IResult NotFound(string id) =>
        Results.Problem(detail: $"There is no issue {id}.", statusCode: StatusCodes.Status404NotFound, title: "No such issue");
}

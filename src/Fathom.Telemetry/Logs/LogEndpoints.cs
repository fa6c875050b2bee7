using System.Globalization;
using System.Text.Json;
using Fathom.Telemetry.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Fathom.Telemetry.Logs;

/// <summary>The logs API on the admin port: a page (newest first, cursor-paged), the live stream (Server-Sent Events,
/// resumable with <c>Last-Event-ID</c> or <c>?after=</c>) and the pipeline's counts.</summary>
internal static class LogEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task<IResult> PageAsync(HttpContext context, LogStore store, LogCommits commits, TimeProvider time)
    {
        // Read before the query: a live stream resumed from here misses nothing committed while the page was read.
        var head = commits.Latest;
        if (!LogRequestParser.TryParse(context.Request, time, out var query, out var error))
        {
            return BadRequest(error!);
        }

        var page = await store.QueryAsync(query, context.RequestAborted);
        return Results.Stream(async body =>
        {
            await using var json = new Utf8JsonWriter(body, LogJson.WriterOptions);
            json.WriteStartObject();
            json.WriteStartArray("records");
            foreach (var record in page.Records)
            {
                LogJson.Write(json, record);
            }

            json.WriteEndArray();
            if (page.NextCursor is { } next)
            {
                json.WriteString("next", next.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("next");
            }

            json.WriteString("head", head.ToString(CultureInfo.InvariantCulture));

            json.WriteEndObject();
        }, "application/json");
    }

    public static async Task StreamAsync(HttpContext context, LogStore store, LogCommits commits, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        if (!LogRequestParser.TryParse(context.Request, time, out var query, out var error))
        {
            await BadRequest(error!).ExecuteAsync(context);
            return;
        }

        var resumeFrom = context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastId ? lastId : context.Request.Query["after"].ToString();
        long cursor;
        if (resumeFrom.Length == 0)
        {
            cursor = commits.Latest;
        }
        else if (!long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
        {
            await BadRequest($"after: '{resumeFrom}' is not a cursor from this stream").ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var token = ending.Token;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await response.WriteAsync(": fathom logs\n\n", token);
        await response.Body.FlushAsync(token);
        try
        {
            while (!token.IsCancellationRequested)
            {
                // Everything after the cursor comes from the store, filtered there, so a client that was slow or
                // reconnected misses nothing; the commit signal only says when to look again.
                // Read the commit mark first: whatever is committed after it wakes the wait below.
                var seen = commits.Latest;
                var records = await store.ReadAfterAsync(cursor, query, LogQuery.MaxLimit, token);
                foreach (var record in records)
                {
                    buffer.Clear();
                    await using (var json = new Utf8JsonWriter(buffer, LogJson.WriterOptions))
                    {
                        LogJson.Write(json, record);
                    }

                    await response.WriteAsync($"id: {record.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: log\ndata: ", token);
                    await response.Body.WriteAsync(buffer.WrittenMemory, token);
                    await response.WriteAsync("\n\n", token);
                    cursor = record.Sequence;
                }

                await response.Body.FlushAsync(token);
                if (records.Count == LogQuery.MaxLimit)
                {
                    continue;
                }

                // Records up to the mark that did not match the filter need no second look.
                var waited = commits.WaitForNewerAsync(Math.Max(cursor, seen), token);
                if (await Task.WhenAny(waited, Task.Delay(Heartbeat, time, token)) != waited)
                {
                    await response.WriteAsync(": heartbeat\n\n", token);
                    await response.Body.FlushAsync(token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left or the server is stopping: the stream ends.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    public static async Task<IResult> StatsAsync(HttpContext context, LogStore store, LogBatchWriter writer, TelemetryIngest ingest, TelemetryDrops drops, Forwarding.LogForwarding forwarding)
    {
        var stats = await store.GetStatsAsync(context.RequestAborted);
        return Results.Json(new
        {
            store = stats,
            ingest = new { records = ingest.Records, gatewayRequests = ingest.GatewayRequests },
            writer = new { written = writer.Written, pending = writer.Pending },
            drops = drops.Snapshot(),
            forwarding = forwarding.GetStats(),
            dropped = drops.Total,
        });
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid log query");
}

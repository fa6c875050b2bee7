using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Logs;

/// <summary>Talks to the logs API: one page, then (tailing) the live stream from that page's end, reconnecting with
/// the last cursor seen so no line falls between.</summary>
internal static class LogsClient
{
    public static async Task<int> RunAsync(Uri adminUrl, LogsQuery query, bool tail, LogPrinter printer, CancellationToken cancellationToken)
    {
        var (code, document) = await AdminApi.SendAsync(adminUrl, new HttpRequestMessage(HttpMethod.Get, $"fathom/v1/logs?{query.ToQueryString(query.Limit)}"), cancellationToken);
        if (document is not JsonObject page)
        {
            return code == 0 ? 1 : code;
        }

        var records = (page["records"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        records.Reverse();
        printer.Print(records);
        if (!tail)
        {
            return 0;
        }

        var cursor = (string?)page["head"] ?? records.LastOrDefault()?["cursor"]?.ToString();
        using var http = new HttpClient(AdminHttp.CreateHandler()) { BaseAddress = adminUrl, Timeout = Timeout.InfiniteTimeSpan };
        AdminApi.Authorize(http, adminUrl);
        return await FollowAsync(http, adminUrl, query, cursor, printer, cancellationToken);
    }

    public static async Task<int> PrintStatsAsync(Uri adminUrl, bool json, CancellationToken cancellationToken)
    {
        var (code, stats) = await AdminApi.SendAsync(adminUrl, new HttpRequestMessage(HttpMethod.Get, "fathom/v1/logs/stats"), cancellationToken);
        if (stats is null)
        {
            return code;
        }

        if (json)
        {
            Console.WriteLine(stats.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        var store = stats["store"];
        Console.WriteLine($"stored:     {store?["rows"]} records, {Megabytes(store?["bytesInUse"])} in use of a {Megabytes(store?["fileBytes"])} file");
        Console.WriteLine($"ingested:   {stats["ingest"]?["records"]} records, {stats["ingest"]?["gatewayRequests"]} gateway requests");
        Console.WriteLine($"writer:     {stats["writer"]?["written"]} written, {stats["writer"]?["pending"]} waiting");
        Console.WriteLine($"dropped:    {stats["dropped"]}");
        foreach (var drop in stats["drops"] as JsonArray ?? [])
        {
            Console.WriteLine($"  {drop?["function"]}: {drop?["count"]} ({drop?["reason"]})");
        }

        foreach (var forwarder in stats["forwarding"] as JsonArray ?? [])
        {
            Console.WriteLine($"forwarding: {forwarder?.ToJsonString()}");
        }

        return 0;
    }

    private static async Task<int> FollowAsync(HttpClient http, Uri adminUrl, LogsQuery query, string? cursor, LogPrinter printer, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"fathom/v1/logs/stream?{query.ToQueryString()}");
                request.Headers.Accept.ParseAdd("text/event-stream");
                if (cursor is not null)
                {
                    request.Headers.Add("Last-Event-ID", cursor);
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return await AdminApi.ReportFailureAsync(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
                }

                failures = 0;
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                string? id = null;
                var data = new StringBuilder();
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.Length == 0)
                    {
                        if (data.Length > 0 && JsonNode.Parse(data.ToString()) is JsonObject record)
                        {
                            printer.Print([record]);
                            cursor = id ?? cursor;
                        }

                        id = null;
                        data.Clear();
                    }
                    else if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        id = line[4..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data.Append(line, 6, line.Length - 6);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                if (++failures == 1)
                {
                    await Console.Error.WriteLineAsync($"lost the connection to {adminUrl} ({e.Message}); reconnecting ...");
                }
            }

            // The stream ended (server stopping) or failed: resume from the last line printed.
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * (1 << Math.Min(failures, 5)))), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }

        return 0;
    }

    private static string Megabytes(JsonNode? bytes) =>
        bytes is null ? "?" : $"{(double)bytes / (1024 * 1024):F1} MB";
}

using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Logs;

/// <summary>What a user sees of a function's output through `fathom logs` and the logs API, with real runtimes
/// under `fathom up`: every line with its level and request id, a stack trace as one record, JSON fields, the
/// invocation's START/END/REPORT, a live tail that misses nothing.</summary>
public sealed class LogsEndToEndTests(LogsAppFixture app) : IClassFixture<LogsAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TextFormat_EveryLineStoredWithItsLevelAndRequestId_StackTraceIsOneRecord()
    {
        var requestId = await CallAsync("/text?id=text1");

        var records = await RecordsOfRequestAsync("Text", requestId, expected: 6);

        Message(records, "hello text1")["level"]!.ToString().Should().Be("INFO");
        Message(records, "careful text1")["level"]!.ToString().Should().Be("WARN");
        var error = records.Single(r => r["message"]!.ToString().Contains("boom text1", StringComparison.Ordinal));
        error["level"]!.ToString().Should().Be("ERROR");
        error["message"]!.ToString().Should().Contain("\n    at ", "a stack trace is one record, its frames on lines of their own");
        records.Should().Contain(r => r["message"]!.ToString() == "raw text1", "raw stdout is a line too");
        var json = records.Single(r => r["fields"] != null);
        json["fields"]!["order"]!["status"]!.ToString().Should().Be("paid");
        json["fields"]!["password"]!.ToString().Should().Be("[redacted]", "a field named like a secret is redacted before it is stored");
        json.ToJsonString().Should().NotContain("hunter2-secret");
        var invocation = records.Single(r => r["invocation"] != null);
        invocation["invocation"]!["outcome"]!.ToString().Should().Be("Success");
        invocation["invocation"]!["durationMs"]!.GetValue<double>().Should().BeGreaterThan(0);
        records.Should().OnlyContain(r => r["version"]!.ToString() == "1" && r["app"] != null && r["environment"]!.ToString() == "local");
    }

    [Fact]
    public async Task JsonFormat_FieldsKept_FilterByField_PlatformRecordsNotStoredAsLines()
    {
        var requestId = await CallAsync("/json?id=json1");

        var records = await RecordsOfRequestAsync("Json", requestId, expected: 3);
        // The runtime client nests the logged object under "message", beside timestamp, level and requestId.
        var shipped = records.Single(r => (r["fields"]?["message"] as JsonObject)?["tag"]?.ToString() == "json1");
        shipped["fields"]!["message"]!["orderId"]!.GetValue<int>().Should().Be(7);
        shipped["fields"]!["requestId"]!.ToString().Should().Be(requestId);
        shipped["level"]!.ToString().Should().Be("INFO");
        records.Single(r => r["message"]!.ToString() == "bad thing json1")["level"]!.ToString().Should().Be("ERROR");
        records.Should().NotContain(r => r["message"]!.ToString().Contains("platform.start", StringComparison.Ordinal), "START/END/REPORT are the invocation's one record");

        var filtered = await CliJsonLinesAsync("logs", "Json", "--filter", "message.status=shipped message.tag=json1", "--json");
        filtered.Should().ContainSingle().Which["requestId"]!.ToString().Should().Be(requestId);
        var level = await CliJsonLinesAsync("logs", "Json", "--request-id", requestId, "--level", "ERROR", "--json");
        level.Should().OnlyContain(r => r["level"]!.ToString() == "ERROR").And.Contain(r => r["message"]!.ToString() == "bad thing json1");
    }

    [Fact]
    public async Task ConcurrentInvocations_EachLineCarriesItsOwnRequestId()
    {
        var ids = Enumerable.Range(0, 16).Select(i => $"conc{i}").ToArray();
        var requestIds = await Task.WhenAll(ids.Select(id => CallAsync($"/text?id={id}")));

        for (var i = 0; i < ids.Length; i++)
        {
            var records = await RecordsOfRequestAsync("Text", requestIds[i], expected: 6);
            records.Where(r => r["invocation"] == null).Should().OnlyContain(
                r => r["message"]!.ToString().Contains(ids[i], StringComparison.Ordinal),
                $"every line of request {requestIds[i]} was printed by the call with id {ids[i]}");
        }
    }

    [Fact]
    public async Task Tail_GetsALinePrintedBeforeItConnected_ThroughTheCursor_AndOnePrintedAfter()
    {
        using var admin = app.Up.AdminClient();
        var head = JsonNode.Parse(await admin.GetStringAsync("fathom/v1/logs?function=Text&limit=1", Ct))!["head"]!.ToString();
        await CallAsync("/text?id=before-tail");

        using var tail = Process.Start(FathomCli.StartInfo(app.Up.AppDirectory, "logs", "Text", "--tail", "--json", "-n", "1", "--server", app.Up.AdminUrl.ToString()))!;
        var lines = new List<string>();
        var seen = new SemaphoreSlim(0);
        tail.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }

                seen.Release();
            }
        };
        tail.BeginOutputReadLine();
        try
        {
            // Through the API with Last-Event-ID: the line printed before connecting comes first, from the store.
            using var request = new HttpRequestMessage(HttpMethod.Get, "fathom/v1/logs/stream?function=Text");
            request.Headers.Add("Last-Event-ID", head);
            using var stream = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
            stream.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(Ct));
            (await ReadEventsUntilAsync(reader, "hello before-tail")).Should().NotBeNull();

            await WaitForAsync(() => Snapshot(lines).Count > 0, "the CLI's first page");
            await CallAsync("/text?id=after-tail");

            (await ReadEventsUntilAsync(reader, "hello after-tail")).Should().NotBeNull("the stream goes live after the catch-up");
            await WaitForAsync(() => Snapshot(lines).Any(l => l.Contains("hello after-tail", StringComparison.Ordinal)), "the CLI to print the new line");
        }
        finally
        {
            tail.Kill(entireProcessTree: true);
            await tail.WaitForExitAsync(Ct);
        }
    }

    [Fact]
    public async Task BadQueries_Get400WithAMessage()
    {
        using var admin = app.Up.AdminClient();
        foreach (var query in (string[])["level=LOUD", "since=yesterday", "filter=%22unclosed", "limit=0", "cursor=abc", "start=noon"])
        {
            using var response = await admin.GetAsync($"fathom/v1/logs?{query}", Ct);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]!.ToString().Should().NotBeNullOrWhiteSpace();
        }

        var cli = await FathomCli.RunAsync(app.Up.AppDirectory, ["logs", "--since", "yesterday", "--server", app.Up.AdminUrl.ToString()]);
        cli.ExitCode.Should().Be(1);
        cli.StandardError.Should().Contain("since");
    }

    [Fact]
    public async Task Stats_CountWhatWasStoredAndDropped()
    {
        await CallAsync("/text?id=stats");
        var cli = await FathomCli.RunAsync(app.Up.AppDirectory, ["logs", "--stats", "--json", "--server", app.Up.AdminUrl.ToString()]);

        cli.ExitCode.Should().Be(0, cli.StandardError);
        var stats = JsonNode.Parse(cli.StandardOutput)!;
        stats["store"]!["rows"]!.GetValue<long>().Should().BeGreaterThan(0);
        stats["dropped"]!.GetValue<long>().Should().Be(0);
    }

    private async Task<string> CallAsync(string path)
    {
        using var client = app.Up.AppClient();
        using var response = await client.GetAsync(path, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return response.Headers.GetValues("apigw-requestid").Single();
    }

    // Lines reach the store within a batch interval of being printed: poll until the invocation's record is in.
    private async Task<List<JsonObject>> RecordsOfRequestAsync(string function, string requestId, int expected)
    {
        List<JsonObject> records = [];
        await WaitForAsync(
            async () =>
            {
                records = await CliJsonLinesAsync("logs", function, "--request-id", requestId, "--json");
                return records.Count >= expected && records.Any(r => r["invocation"] != null);
            },
            $"{expected} records of request {requestId}");
        return records;
    }

    private async Task<List<JsonObject>> CliJsonLinesAsync(params string[] args)
    {
        var result = await FathomCli.RunAsync(app.Up.AppDirectory, [.. args, "--server", app.Up.AdminUrl.ToString()]);
        result.ExitCode.Should().Be(0, result.StandardError);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!)];
    }

    private static JsonObject Message(List<JsonObject> records, string text) =>
        records.Single(r => r["message"]!.ToString() == text);

    private static async Task<JsonObject?> ReadEventsUntilAsync(StreamReader reader, string text)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && JsonNode.Parse(line[6..]) is JsonObject record
                && record["message"]!.ToString() == text)
            {
                return record;
            }
        }

        return null;
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"waited 60 s for {what}");
            }

            await Task.Delay(100, Ct);
        }
    }
}

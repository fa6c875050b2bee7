using System.Net;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Metrics;

/// <summary>What a user reads from `fathom metrics` and the metrics API after real invocations under `fathom up`:
/// counts, errors and percentiles that match what the test sent, one cold start per environment, the gateway's view of
/// the route, and EMF lines printed by an unmodified @aws-lambda-powertools/metrics as queryable metrics.</summary>
public sealed class MetricsEndToEndTests(MetricsAppFixture app) : IClassFixture<MetricsAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KnownSleeps_CountsPercentilesColdStartsAndRouteMatchWhatWasSent()
    {
        // Three at once (more than the one environment fathom up warms, so new ones start cold), then twenty one after
        // another, which the now warm environments serve without a cold start.
        using var http = new HttpClient();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await http.GetAsync(new Uri(app.Up.AppUrl, "/sleep/1000"), Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }));
        foreach (var ms in Enumerable.Repeat(100, 15).Concat(Enumerable.Repeat(300, 5)))
        {
            using var response = await http.GetAsync(new Uri(app.Up.AppUrl, $"/sleep/{ms}"), Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var document = await MetricsJsonAsync(d => Total(d, "Invocations", "sum") >= 23, "Sleeper", "--stat", "sum,max,p50,p80,p90,p99", "--since", "15m");
        var logs = await GetJsonAsync("/fathom/v1/logs?function=Sleeper&limit=1000");
        var coldInvocations = logs["records"]!.AsArray().Count(r => r!["invocation"]?["initDurationMs"] is not null);

        Total(document, "Invocations", "sum").Should().Be(23);
        Total(document, "Errors", "sum").Should().Be(0);
        coldInvocations.Should().BeGreaterThanOrEqualTo(1, "two of the three concurrent calls needed a new environment");
        Total(document, "ColdStarts", "sum").Should().Be(coldInvocations, "each environment's first invocation is its one cold start");
        Total(document, "ConcurrentExecutions", "max").Should().Be(3);
        // Sorted: 15 × 100 ms, 5 × 300 ms, 3 × 1000 ms (plus the runtime's overhead, on a busy machine).
        Total(document, "Duration", "p50").Should().BeInRange(100, 200, "the 12th of 23 durations slept 100 ms");
        Total(document, "Duration", "p80").Should().BeInRange(300, 450, "the 19th slept 300 ms");
        Total(document, "Duration", "p90").Should().BeInRange(1000, 1300, "the 21st slept a second");
        Total(document, "Duration", "max").Should().BeInRange(1000, 1300);
        Total(document, "MaxMemoryUsed", "max").Should().BeGreaterThan(0);

        var route = await ApiAsync("metric=Requests&stat=sum&total=true&since=15m&function=Sleeper");
        var requests = route["series"]!.AsArray().Single()!;
        requests["route"]!.ToString().Should().Be("GET /sleep/{ms}");
        requests["total"]!.GetValue<double>().Should().Be(23);
        var latency = await ApiAsync("metric=Latency&stat=p50&total=true&since=15m&function=Sleeper");
        latency["series"]![0]!["total"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(100, "the gateway's latency includes the function's");
    }

    [Fact]
    public async Task ThrowingHandler_EveryCallIsAnInvocationAndAnError()
    {
        using var http = new HttpClient();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync(new Uri(app.Up.AdminUrl, "/2015-03-31/functions/Thrower/invocations"), null, Ct);
            response.Headers.GetValues("X-Amz-Function-Error").Should().ContainSingle();
        }

        var document = await MetricsJsonAsync(d => Total(d, "Errors", "sum") >= 3, "Thrower", "--stat", "sum");

        Total(document, "Invocations", "sum").Should().Be(3);
        Total(document, "Errors", "sum").Should().Be(3);
        Total(document, "Throttles", "sum").Should().Be(0);
        var table = await FathomCli.RunAsync(app.App.Directory, ["metrics", "Thrower", "--server", app.Up.AdminUrl.ToString()]);
        table.ExitCode.Should().Be(0, table.ToString());
        table.StandardOutput.Should().Contain("Thrower").And.Contain("Errors").And.MatchRegex("[▁▂▃▄▅▆▇█]", "each series has its sparkline");
    }

    [Fact]
    public async Task PowertoolsEmfLines_BecomeQueryableMetricsWithNamespaceUnitAndDimensions()
    {
        using var http = new HttpClient();
        foreach (var count in new[] { 2, 3 })
        {
            using var body = new StringContent($$"""{"orders":{{count}},"basket":{{count * 10}}}""");
            using var response = await http.PostAsync(new Uri(app.Up.AdminUrl, "/2015-03-31/functions/Shop/invocations"), body, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, app.Up.Output);
        }

        var document = await MetricsJsonAsync(d => Total(d, "Orders", "sum") >= 5, "Shop", "--metric", "Orders", "--namespace", "Shop", "--stat", "sum,max");

        var orders = document["series"]!.AsArray().Select(s => s!).ToList();
        orders.Select(s => s["stat"]!.ToString()).Should().Equal("sum", "max");
        orders[0]["total"]!.GetValue<double>().Should().Be(5);
        orders[1]["total"]!.GetValue<double>().Should().Be(3);
        orders[0]["unit"]!.ToString().Should().Be("Count");
        orders[0]["dimensions"]!["channel"]!.ToString().Should().Be("web");
        orders[0]["dimensions"]!["service"]!.ToString().Should().Be("checkout");
        var catalog = await GetJsonAsync("/fathom/v1/metrics/catalog?function=Shop");
        catalog["metrics"]!.AsArray().Where(m => m!["kind"]!.ToString() == "emf").Select(m => $"{m!["namespace"]}/{m["metric"]}:{m["unit"]}")
            .Should().BeEquivalentTo("Shop/Orders:Count", "Shop/BasketValue:Milliseconds");
        (await GetJsonAsync("/fathom/v1/metrics/stats"))["recorder"]!["emfInvalid"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task BadQueries_AreUsageErrorsAndProblems()
    {
        var cli = await FathomCli.RunAsync(app.App.Directory, ["metrics", "Sleeper", "--period", "soon", "--server", app.Up.AdminUrl.ToString()]);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(app.Up.AdminUrl, "/fathom/v1/metrics?function=Sleeper&stat=median"), Ct);
        using var range = await http.GetAsync(new Uri(app.Up.AdminUrl, "/fathom/v1/metrics?function=Sleeper&since=30d&period=1s"), Ct);
        var apiError = await FathomCli.RunAsync(app.App.Directory, ["metrics", "Sleeper", "--stat", "median", "--server", app.Up.AdminUrl.ToString()]);

        cli.ExitCode.Should().Be(2, cli.ToString());
        cli.StandardError.Should().Contain("--period");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("median");
        range.StatusCode.Should().Be(HttpStatusCode.BadRequest, "30 days of 1-second points is more than one answer holds");
        apiError.ExitCode.Should().Be(1);
        apiError.StandardError.Should().Contain("stat");
    }

    private async Task<JsonNode> MetricsJsonAsync(Func<JsonNode, bool> ready, params string[] args)
    {
        // Points are written about two seconds after their second closes: poll until what was sent is there.
        string[] command = ["metrics", .. args, "--json", "--server", app.Up.AdminUrl.ToString()];
        for (var attempt = 0; ; attempt++)
        {
            var result = await FathomCli.RunAsync(app.App.Directory, command);
            result.ExitCode.Should().Be(0, result.ToString());
            var document = JsonNode.Parse(result.StandardOutput)!;
            if (ready(document) || attempt == 60)
            {
                return document;
            }

            await Task.Delay(500, Ct);
        }
    }

    private static double? Total(JsonNode document, string metric, string stat) =>
        document["series"]!.AsArray().FirstOrDefault(s => s!["metric"]!.ToString() == metric && s["stat"]!.ToString() == stat)?["total"]?.GetValue<double>();

    private Task<JsonNode> ApiAsync(string query) => GetJsonAsync($"/fathom/v1/metrics?{query}");

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync(new Uri(app.Up.AdminUrl, path), Ct))!;
    }
}

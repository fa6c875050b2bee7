using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Logs;

/// <summary>`fathom up --log-max-size`: a function printing far more than the limit keeps the log store at the limit,
/// the oldest lines going first, and the file on disk stops growing.</summary>
public sealed class LogRetentionEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SizeLimit_OldestLinesGoFirst_AndTheFileStopsGrowing()
    {
        using var temp = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "logs"));
        await using var up = await FathomUp.StartAsync(temp.Directory, "--log-max-size", "1MB", "--no-watch");
        var database = Path.Combine(temp.Directory, ".fathom", "logs.db");

        var first = await PrintAsync(up, 1000);
        for (var i = 0; i < 4; i++)
        {
            await PrintAsync(up, 1000);
        }

        await WaitForAsync(async () => (await InUseAsync(up)) <= 1L << 20 && (await LinesOfAsync(up, first)) == 0, "retention to bring the store under 1 MB");
        var afterFirstRound = new FileInfo(database).Length;

        string last = "";
        for (var i = 0; i < 4; i++)
        {
            last = await PrintAsync(up, 1000);
        }

        await WaitForAsync(async () => (await InUseAsync(up)) <= 1L << 20, "retention after the second round");
        (await LinesOfAsync(up, last)).Should().BeGreaterThan(0, "the newest lines are kept");
        new FileInfo(database).Length.Should().BeLessThanOrEqualTo(Math.Max(afterFirstRound, 3L << 20),
            "4 MB more printed into a store held at 1 MB must not grow the file");
    }

    private static async Task<string> PrintAsync(FathomUp up, int kilobytes)
    {
        using var client = up.AppClient();
        using var response = await client.GetAsync($"/bulk?kb={kilobytes}", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return response.Headers.GetValues("apigw-requestid").Single();
    }

    private static async Task<long> InUseAsync(FathomUp up)
    {
        using var admin = up.AdminClient();
        return JsonNode.Parse(await admin.GetStringAsync("fathom/v1/logs/stats", Ct))!["store"]!["bytesInUse"]!.GetValue<long>();
    }

    private static async Task<int> LinesOfAsync(FathomUp up, string requestId)
    {
        using var admin = up.AdminClient();
        var page = JsonNode.Parse(await admin.GetStringAsync($"fathom/v1/logs?requestId={requestId}&limit=1000", Ct))!;
        return page["records"]!.AsArray().Count(r => r!["invocation"] is null);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"waited 90 s for {what}");
            }

            await Task.Delay(250, Ct);
        }
    }
}

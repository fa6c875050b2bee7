using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Releases;

/// <summary>Releases under <c>fathom up</c> with real runtimes, through the CLI as a user runs it: a reload is a
/// release that moves only the changed function, <c>fathom rollback</c> brings the old code back at once, and no
/// request fails across reloads and rollbacks.</summary>
public sealed class ReleasesEndToEndTests(ReleasesAppFixture app) : IClassFixture<ReleasesAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReloadThenRollback_OnlyTheChangedFunctionMoves_AndTheOldCodeAnswersAgain()
    {
        var before = await app.GreetAsync();
        var first = await app.LiveReleaseAsync();

        await app.SaveGreeterAsync("history one");
        var history = await CliAsync("history", "--json");

        var latest = JsonNode.Parse(history.StandardOutput)!["releases"]![0]!;
        latest["number"]!.GetValue<int>().Should().Be(first + 1);
        latest["reason"]!.ToString().Should().Be("reload");
        var moved = latest["functions"]!.AsArray().Where(f => f!["moved"]!.GetValue<bool>()).ToList();
        moved.Should().ContainSingle("only the Greeter's code changed").Which!["function"]!.ToString().Should().Be("Greeter");
        moved[0]!["changes"]![0]!.ToString().Should().StartWith("code changed");
        (await CliAsync("history")).StandardOutput.Should().Contain($"#{first + 1} (live)").And.Contain("Greeter: version");

        var rollback = await CliAsync("rollback");

        (await app.GreetAsync()).Should().Be(before, "the first request after the command returns runs the old code");
        rollback.StandardOutput.Should().Contain($"to release {first} (recorded as release {first + 2})").And.Contain("the flip took").And.MatchRegex(@"Greeter: version \d+ → \d+");
        rollback.StandardOutput.Should().NotContain("Steady", "the Steady function did not move");

        await app.SaveGreeterAsync("history two");
        await CliAsync("rollback", "--to", (first + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        (await app.GreetAsync()).Should().Be("history one", "--to names an older release than the one before");
    }

    [Fact]
    public async Task Rollback_RefusedTargets_SayWhyAndChangeNothing()
    {
        var live = await app.LiveReleaseAsync();
        var greeting = await app.GreetAsync();

        var unknown = await FathomCli.RunAsync(app.App.Directory, ["rollback", "--to", "9999"]);
        var current = await FathomCli.RunAsync(app.App.Directory, ["rollback", "--to", live.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var usage = await FathomCli.RunAsync(app.App.Directory, ["rollback", "--to", "0"]);

        unknown.ExitCode.Should().Be(1);
        unknown.StandardError.Should().Contain("error: 404").And.Contain("no release 9999");
        current.ExitCode.Should().Be(1);
        current.StandardError.Should().Contain("error: 409").And.Contain("already live");
        usage.ExitCode.Should().Be(2);
        (await app.LiveReleaseAsync()).Should().Be(live);
        (await app.GreetAsync()).Should().Be(greeting);
    }

    [Fact]
    public async Task Audit_ReloadsAndRollbacks_RecordWhoDidWhat()
    {
        await app.SaveGreeterAsync("audited");
        await CliAsync("rollback");

        var audit = JsonNode.Parse((await CliAsync("audit", "--json")).StandardOutput)!["entries"]!.AsArray();

        audit[0]!["action"]!.ToString().Should().Be("rollback");
        audit[0]!["actor"]!.ToString().Should().Be($"local ({Environment.UserName})", "fathom up has no tokens: the local owner, on behalf of the CLI's OS user");
        audit[0]!["source"]!.ToString().Should().Be("127.0.0.1");
        audit[0]!["result"]!.ToString().Should().Be("succeeded");
        audit[1]!["action"]!.ToString().Should().Be("reload");
        audit[1]!["actor"]!.ToString().Should().Be($"fathom up ({Environment.UserName})");
        var events = await app.AdminAsync("fathom/v1/events?kind=alias.moved&function=Greeter&limit=1000");
        events["events"]!.AsArray().Should().HaveCountGreaterThanOrEqualTo(2, "the reload and the rollback each moved the Greeter's alias");
        (await CliAsync("audit")).StandardOutput.Should().Contain("ACTOR").And.Contain("rollback");
    }

    [Fact]
    public async Task TenReloadAndRollbackCycles_UnderConstantLoad_NoRequestFails()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var failures = new List<string>();
        var answered = 0;
        var load = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            using var client = app.Up.AppClient();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(i == 0 ? "/steady" : "/greet?ms=5", stop.Token);
                    if (!response.IsSuccessStatusCode)
                    {
                        var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                        lock (failures)
                        {
                            failures.Add($"{(int)response.StatusCode}: {body}");
                        }
                    }

                    Interlocked.Increment(ref answered);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (HttpRequestException e)
                {
                    lock (failures)
                    {
                        failures.Add(e.Message);
                    }
                }
            }
        }, CancellationToken.None)).ToList();

        using var admin = app.Up.AdminClient();
        for (var cycle = 0; cycle < 10; cycle++)
        {
            var previous = await app.GreetAsync();
            await app.SaveGreeterAsync($"cycle {cycle}");
            using var rollback = await admin.PostAsJsonAsync("fathom/v1/rollback", new { }, Ct);
            rollback.EnsureSuccessStatusCode();
            (await app.GreetAsync()).Should().Be(previous, $"cycle {cycle}: the rollback is live when it answers");
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);
        failures.Should().BeEmpty();
        answered.Should().BeGreaterThan(20, "requests kept flowing through the cycles");
    }

    private async Task<CliResult> CliAsync(params string[] args)
    {
        var result = await FathomCli.RunAsync(app.App.Directory, args);
        result.ExitCode.Should().Be(0, result.ToString());
        return result;
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Fathom.Deployments.Releases;
using Fathom.Deployments.Versions;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Releases;

/// <summary><c>fathom up</c> killed with SIGKILL at each named crash point of a release or rollback
/// (<c>FATHOM_TEST_CRASH_AT</c>): what is on disk has every alias on the versions of one recorded release, and a
/// restart serves.</summary>
public sealed class CrashSafetyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillNine_AtEachCrashPoint_LeavesEveryAliasOnOneRecordedReleaseAndRestartServes()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        await using (var first = await FathomUp.StartAsync(app.Directory))
        {
            await first.WarmUpAsync("/greet");
        }

        // Each restart after a kill is armed with the next point, so one start both proves the recovery and sets up the
        // next kill. The order keeps each start's own release from reaching the point it is armed with.
        var up = await FathomUp.StartAsync(app.Directory, start => WithCrashAt(start, CrashPoints.ReleaseAfterPublish));
        await SaveGreeterAsync(app, "one");
        await ExpectKilledAsync(up, CrashPoints.ReleaseAfterPublish, app, expectedLive: 1);

        up = await FathomUp.StartAsync(app.Directory, start => WithCrashAt(start, CrashPoints.RollbackAfterAliasMoves));
        await ExpectGreetingAsync(up, "one", "the restart released the code saved before the kill");
        using (var admin = up.AdminClient())
        {
            var rollback = () => admin.PostAsync("fathom/v1/rollback", null, Ct);
            await rollback.Should().ThrowAsync<HttpRequestException>("the server dies before it answers");
        }

        await ExpectKilledAsync(up, CrashPoints.RollbackAfterAliasMoves, app, expectedLive: 2);

        up = await FathomUp.StartAsync(app.Directory, start => WithCrashAt(start, CrashPoints.ReleaseAfterCommit));
        await ExpectGreetingAsync(up, "one", "the rollback never committed");
        await SaveGreeterAsync(app, "two");
        await ExpectKilledAsync(up, CrashPoints.ReleaseAfterCommit, app, expectedLive: 3);

        up = await FathomUp.StartAsync(app.Directory, start => WithCrashAt(start, CrashPoints.ReleaseAfterAliasMoves));
        await ExpectGreetingAsync(up, "two", "the release committed before the kill is live");
        using (var admin = up.AdminClient())
        {
            var events = JsonNode.Parse(await admin.GetStringAsync("fathom/v1/events?kind=release&limit=1000", Ct))!["events"]!.AsArray();
            events.Select(e => e!["payload"]!["release"]!.GetValue<int>()).Should().Contain(3,
                "the release committed just before the kill left its event in the outbox, sent at the restart");
        }

        await SaveGreeterAsync(app, "three");
        await ExpectKilledAsync(up, CrashPoints.ReleaseAfterAliasMoves, app, expectedLive: 3);

        await using var last = await FathomUp.StartAsync(app.Directory);
        await ExpectGreetingAsync(last, "three", "the restart released the code saved before the kill");
    }

    private static async Task ExpectKilledAsync(FathomUp up, string point, TempApp app, int expectedLive)
    {
        await using (up)
        {
            await WaitForExitAsync(up);
            up.ExitCode.Should().Be(137, $"{point}: killed by SIGKILL, as kill -9 would\n{up.Output}");
        }

        var (number, mismatches) = await InspectAsync(app.Directory);
        mismatches.Should().BeEmpty($"{point}: every alias points at the version its live release recorded");
        number.Should().Be(expectedLive, $"{point}: only a committed release counts");
    }

    private static async Task ExpectGreetingAsync(FathomUp up, string expected, string because)
    {
        using var client = up.AppClient();
        (await client.GetStringAsync("/greet?ms=0", Ct)).Should().Be(expected, because);
    }

    private static ProcessStartInfo WithCrashAt(ProcessStartInfo start, string point)
    {
        start.Environment[CrashPoints.Variable] = point;
        return start;
    }

    private static async Task SaveGreeterAsync(TempApp app, string body)
    {
        var handler = app.PathOf("src/greeter.js");
        var code = await File.ReadAllTextAsync(handler, Ct);
        var start = code.IndexOf("body: '", StringComparison.Ordinal) + "body: '".Length;
        await File.WriteAllTextAsync(handler, code[..start] + body + code[code.IndexOf('\'', start)..], Ct);
    }

    private static async Task WaitForExitAsync(FathomUp up)
    {
        var deadline = Stopwatch.StartNew();
        while (!up.HasExited)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("fathom up did not reach its crash point:\n" + up.Output);
            }

            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Reads deployments.db as the next start will: the live release, and every alias that disagrees with it.</summary>
    private static async Task<(int Number, List<string> Mismatches)> InspectAsync(string appDirectory)
    {
        using var store = await DeploymentStore.OpenAsync(Path.Combine(appDirectory, ".fathom"), Path.GetFileName(appDirectory), "local",
            new DeploymentStoreOptions { CrashPoints = CrashPoints.None }, Ct);
        var live = (await store.ListReleasesAsync(limit: 1, cancellationToken: Ct)).Single();
        var mismatches = live.Functions
            .Where(f => f.ToVersion is not null && store.State.Functions[f.Function].Aliases.GetValueOrDefault(f.Alias)?.Version != f.ToVersion)
            .Select(f => $"{f.Function}:{f.Alias} is on {store.State.Functions[f.Function].Aliases.GetValueOrDefault(f.Alias)?.Version}, release {live.Number} says {f.ToVersion}")
            .ToList();
        return (live.Number, mismatches);
    }
}

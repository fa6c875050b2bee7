using System.Collections.Concurrent;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary>Saving a template that cannot be served while <c>fathom up</c> answers a stream of requests: the process
/// lives, every request is answered by the version that was serving, and the console says why the reload failed.</summary>
public sealed class HostileReloadTests
{
    private const string Failed = "reload failed; still serving the previous version";
    private const int MaxRequests = 50_000;
    private static readonly TimeSpan ReloadWait = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task SaveTemplate_ChainsDeeperThan40000ThenRoutesTheGatewayRefuses_OldVersionAnswersEveryRequest()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        await using var up = await FathomUp.StartAsync(app.Directory);
        await up.WarmUpAsync("/greet");
        var before = await up.StatusAsync();
        var template = app.PathOf("template.yaml");
        var original = await File.ReadAllTextAsync(template, TestContext.Current.CancellationToken);
        using var client = up.AppClient();
        using var stop = new CancellationTokenSource();
        var outcomes = new ConcurrentQueue<string>();
        var stream = Task.Run(async () =>
        {
            // Bounded in count as well, so a test that fails elsewhere cannot leave it running.
            for (var n = 0; n < MaxRequests && !stop.IsCancellationRequested; n++)
            {
                try
                {
                    using var response = await client.GetAsync("/greet", CancellationToken.None);
                    outcomes.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    outcomes.Enqueue("failed: " + e.Message);
                }
            }
        }, CancellationToken.None);
        int afterChains;
        try
        {
            // A DependsOn cycle and a Condition cycle of 40,001 links each: this overflowed the stack and killed the process.
            await File.WriteAllTextAsync(template, original.TrimEnd() + "\n" + HostileTemplates.DependsOnChainEntries(cycle: true)
                + HostileTemplates.ConditionChainSection(cycle: true), TestContext.Current.CancellationToken);
            await up.WaitForOutputAsync(Failed, ReloadWait);
            afterChains = outcomes.Count;

            // Routes the template allows but the gateway refuses, saved with new handler code: no alias may move.
            await File.WriteAllTextAsync(template, original.Replace("Globals:\n", "Globals:\n  HttpApi:\n    CorsConfiguration: {AllowOrigins: ['*'], AllowCredentials: true}\n", StringComparison.Ordinal),
                TestContext.Current.CancellationToken);
            var handler = app.PathOf("src/greeter.js");
            await File.WriteAllTextAsync(handler, (await File.ReadAllTextAsync(handler, TestContext.Current.CancellationToken))
                .Replace("version one", "version two", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            await up.WaitForLineAsync(line => line.Contains("AllowCredentials", StringComparison.Ordinal), "the refused route", ReloadWait);
            await up.WaitForLineAsync(_ => up.Lines.Count(l => l.Contains(Failed, StringComparison.Ordinal)) >= 2, "a second failed reload", ReloadWait);
        }
        finally
        {
            await stop.CancelAsync();
            await stream;
        }

        up.HasExited.Should().BeFalse(up.Output);
        up.Lines.Should().Contain(l => l.Contains(": error: circular reference: T0 -> T1 -> T2 -> ", StringComparison.Ordinal));
        up.Lines.Should().Contain(l => l.Contains(": error: circular condition: C0 -> C1 -> C2 -> ", StringComparison.Ordinal));
        outcomes.Count.Should().BeGreaterThan(afterChains, "requests were served between the two reloads");
        outcomes.Should().OnlyContain(o => o == "200 version one", "the previous version answers every request");
        var status = await up.StatusAsync();
        status.Versions("Greeter").Should().Equal(before.Versions("Greeter"), "a failed reload publishes nothing");
        status.Aliases("Greeter").Should().BeEquivalentTo(before.Aliases("Greeter"));
    }
}

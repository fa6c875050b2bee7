using System.Net;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary>Stopping <c>fathom up</c> with Ctrl+C or SIGTERM.</summary>
public sealed class ShutdownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CtrlC_AfterServingRequests_ExitsZeroLeavingNoProcessAndNoServerJson()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        await using var up = await FathomUp.StartAsync(app.Directory);
        await up.WarmUpAsync("/greet");
        using (var client = up.AppClient())
        {
            // Concurrent requests, so there may be more than one execution environment to stop.
            var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/greet", Ct)));
            responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        var descendants = ProcessTree.Descendants(up.Pid);
        descendants.Select(ProcessTree.CommandLine).Should().Contain(c => c.Contains("node", StringComparison.Ordinal),
            "the Node.js runtime processes run under fathom up");

        var exitCode = await up.InterruptAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().Be(0, up.Output);
        var survivors = await ProcessTree.WaitUntilGoneAsync(descendants, TimeSpan.FromSeconds(10));
        survivors.Select(pid => $"{pid}: {ProcessTree.CommandLine(pid)}").Should().BeEmpty("Ctrl+C must leave no orphan process");
        File.Exists(up.ServerJsonPath).Should().BeFalse("a stopped server removes its server.json");
    }

    [Fact]
    public async Task SigTerm_WithRequestsInFlight_AnswersThemThenExitsZeroLeavingNoProcess()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        await using var up = await FathomUp.StartAsync(app.Directory, "--no-watch");
        await up.WarmUpAsync("/greet");
        using var client = up.AppClient();
        var markers = Enumerable.Range(0, 3).Select(i => $"stop-{i}-{Guid.NewGuid():N}").ToArray();

        // Three slow requests; with two cores two run at once and the third waits for an environment.
        var requests = markers.Select(marker => client.GetAsync($"/greet?ms=1000&marker={marker}", Ct)).ToArray();
        await up.WaitForLineAsync(line => markers.Any(marker => FathomUp.IsFunctionLine(line, "Greeter", "greeting " + marker)),
            "a request reaching the handler", TimeSpan.FromSeconds(30));
        var descendants = ProcessTree.Descendants(up.Pid);
        var exitCode = await up.TerminateAsync(TimeSpan.FromSeconds(60));
        var responses = await Task.WhenAll(requests.Select(async request =>
        {
            using var response = await request;
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }));

        responses.Should().AllBeEquivalentTo((200, "version one"), "requests in flight when SIGTERM arrived are answered: " + up.Output);
        exitCode.Should().Be(0, up.Output);
        var survivors = await ProcessTree.WaitUntilGoneAsync(descendants, TimeSpan.FromSeconds(10));
        survivors.Select(pid => $"{pid}: {ProcessTree.CommandLine(pid)}").Should().BeEmpty("SIGTERM must leave no runtime process");
        File.Exists(up.ServerJsonPath).Should().BeFalse("a stopped server removes its server.json");
    }
}

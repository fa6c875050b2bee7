using System.Net;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary>Stopping <c>fathom up</c> with Ctrl+C.</summary>
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
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary>Stopping <c>fathom up</c> with Ctrl+C, and starting it on a port that is taken.</summary>
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
    public async Task Up_AppPortInUse_Exits1NamingThePort()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

            var result = await FathomCli.RunAsync(app.Directory, ["up", app.Directory, "--port", port, "--admin-port", "0"], timeout: TimeSpan.FromMinutes(5));

            result.ExitCode.Should().Be(1, result.ToString());
            var output = result.StandardOutput + result.StandardError;
            output.Should().Contain($"port {port} is already in use");
            output.Should().NotContain("   at ", "a port in use is a one-line message, not a stack trace");
            File.Exists(Path.Combine(app.Directory, ".fathom", "server.json")).Should().BeFalse();
        }
        finally
        {
            taken.Stop();
        }
    }
}

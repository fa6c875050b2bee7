using System.Globalization;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary>Eager warm-up (docs/up.md, step 4): one environment per function starts with the server, and one for each
/// new version as its alias flips, so the first request to it is not a cold start.</summary>
public sealed class WarmUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Up_StartAndReload_OneEnvironmentPerFunctionVersionIsWarmBeforeItsFirstRequest()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        // One environment per version: a request that comes while the warm environment is still between loading the
        // module and asking for its first event waits for it instead of starting a second one (which a loaded
        // machine otherwise does now and then: docs/up.md says "usually").
        await File.WriteAllTextAsync(app.PathOf("fathom.yaml"), "runtime:\n  maxEnvironments: 1\n", Ct);
        await using var up = await FathomUp.StartAsync(app.Directory);
        using var client = up.AppClient();

        // No request yet: each function's module has loaded in exactly one environment.
        await up.WaitForFunctionLineAsync("Greeter", "greeter loaded, version 1");
        await up.WaitForFunctionLineAsync("Steady", "steady loaded, version 1");
        var greeters = ProcessTree.RuntimeProcesses(up.Pid, "greeter.handler");
        var steadies = ProcessTree.RuntimeProcesses(up.Pid, "index.handler");
        var first = await ReportOfAsync(up, client, "/greet", "version one");
        var steady = await ReportOfAsync(up, client, "/steady", "steady");

        // A reload publishes version 2 of the Greeter; its environment starts as the alias flips.
        var handler = app.PathOf("src/greeter.js");
        await File.WriteAllTextAsync(handler, (await File.ReadAllTextAsync(handler, Ct)).Replace("version one", "version two", StringComparison.Ordinal), Ct);
        await up.WaitForFunctionLineAsync("Greeter", "greeter loaded, version 2");
        var afterReload = await ReportOfAsync(up, client, "/greet", "version two");

        greeters.Should().ContainSingle("one environment per function starts with the server").Which.Version.Should().Be("1");
        steadies.Should().ContainSingle().Which.Version.Should().Be("1");
        first.Should().NotContain("Init Duration", "the first request found the warm environment");
        steady.Should().NotContain("Init Duration");
        afterReload.Should().NotContain("Init Duration", "the new version's environment started before its first request");
        (await up.StatusAsync()).Aliases("Greeter").Values.Should().Equal(2.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Sends one GET, which must answer <paramref name="body"/>, and returns the REPORT line of its invocation
    /// (an HTTP API request id is the function's request id).</summary>
    private static async Task<string> ReportOfAsync(FathomUp up, HttpClient client, string path, string body)
    {
        // After a reload, the alias may flip a moment after the new version's environment printed its first line.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(1));
        while (true)
        {
            using var response = await client.GetAsync(path, deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            var requestId = response.Headers.GetValues("apigw-requestid").Single();
            if (text == body)
            {
                return await up.WaitForFunctionLineAsync(path == "/greet" ? "Greeter" : "Steady", $"REPORT RequestId: {requestId}");
            }

            text.Should().Be("version one", $"only the previous version may answer {path} before the flip");
            await Task.Delay(50, deadline.Token);
        }
    }
}

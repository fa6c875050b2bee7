using System.Text.Json;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Hosting;

/// <summary>Variables features offer through the platform endpoint (e.g. <c>SENTRY_DSN</c>) reach every function as
/// defaults, naming the caller and the endpoint's address as the function sees it.</summary>
public sealed class PlatformVariablesTests
{
    [Fact]
    public async Task StartAsync_FeatureVariables_AreDefaultsTheFunctionsOwnOverride()
    {
        await using var runtime = new TestRuntime();
        runtime.Host.PlatformEndpoint.AddVariables((caller, address) =>
        [
            new("DEMO_ENDPOINT", $"http://{address}/{caller.App}/{caller.Environment}/{caller.Function}@{caller.Version}"),
            new("DEMO_OVERRIDDEN", "platform"),
        ]);
        runtime.Load("env", "index.env", configure: d => d with { Environment = new Dictionary<string, string> { ["DEMO_OVERRIDDEN"] = "function" } });

        var result = await runtime.InvokeAsync("env");

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        using var body = JsonDocument.Parse(result.Payload);
        var env = body.RootElement.GetProperty("env");
        env.GetProperty("DEMO_ENDPOINT").GetString().Should().MatchRegex(@"^http://127\.0\.0\.1:[0-9]+/test/test/env@\$LATEST$");
        env.GetProperty("DEMO_OVERRIDDEN").GetString().Should().Be("function");
    }
}

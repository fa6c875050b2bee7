using System.Net;
using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Errors;

/// <summary>Under <c>fathom up</c>, an unmodified <c>@sentry/node</c> finds the platform's DSN in its environment and
/// its report reaches the error tracker through the sandbox's platform endpoint, as an issue with the SDK's frames.</summary>
public sealed class SentryUnderUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SentryNode_UnderFathomUp_GetsTheAppsDsnAndReachesTheIngest()
    {
        using var temp = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "sentry"));
        await using var up = await FathomUp.StartAsync(temp.Directory, "--no-watch");
        using var http = new HttpClient();
        using var before = JsonDocument.Parse(await http.GetStringAsync(new Uri(up.AdminUrl, "/fathom/v1/errors/dsn"), Ct));
        var project = before.RootElement.GetProperty("projects").EnumerateArray().Should().ContainSingle("fathom up makes its app's project at start").Subject;

        using var response = await http.PostAsync(new Uri(up.AdminUrl, "/2015-03-31/functions/capture/invocations"), null, Ct);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        using var after = JsonDocument.Parse(await http.GetStringAsync(new Uri(up.AdminUrl, "/fathom/v1/errors/dsn"), Ct));

        response.StatusCode.Should().Be(HttpStatusCode.OK, result.RootElement.GetRawText() + up.Output);
        project.GetProperty("environment").GetString().Should().Be("local");
        result.RootElement.GetProperty("dsn").GetString().Should().MatchRegex(
            $@"^http://{project.GetProperty("publicKey").GetString()}@127\.0\.0\.1:[0-9]+/{project.GetProperty("projectId").GetInt32()}$");
        result.RootElement.GetProperty("release").GetString().Should().Be("capture@1");
        result.RootElement.GetProperty("flushed").GetBoolean().Should().BeTrue();
        after.RootElement.GetProperty("ingest").GetProperty("accepted").GetInt64().Should().BeGreaterThanOrEqualTo(1);

        // The SDK's report is an issue of the function's version 1, its culprit the handler's own frame.
        // The tracker files events from its queue in the background: poll until the issue is there.
        var issues = await FathomCli.RunAsync(temp.Directory, ["errors", "--json", "--server", up.AdminUrl.ToString()]);
        for (var waited = 0; !issues.StandardOutput.Contains("TypeError", StringComparison.Ordinal) && waited < 60; waited++)
        {
            await Task.Delay(500, Ct);
            issues = await FathomCli.RunAsync(temp.Directory, ["errors", "--json", "--server", up.AdminUrl.ToString()]);
        }

        issues.ExitCode.Should().Be(0, issues.StandardError);
        issues.StandardOutput.Should().Contain("TypeError").And.Contain("the basket is empty").And.Contain("checkout");
        issues.StandardOutput.Should().Contain("index.js", "the frames are the SDK's, mapped to the app's file");
    }
}

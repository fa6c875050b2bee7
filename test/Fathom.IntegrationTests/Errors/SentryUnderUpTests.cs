using System.Net;
using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Errors;

/// <summary>Under <c>fathom up</c>, an unmodified <c>@sentry/node</c> finds the platform's DSN in its environment and
/// its report reaches the Sentry ingest through the sandbox's platform endpoint.</summary>
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
        // Taken by the error tracker once it is composed in; until then the ingest answers 503 and counts it (the SDK
        // may then send a client report of its own about the lost event, so at least one).
        var ingest = after.RootElement.GetProperty("ingest");
        var reached = ingest.GetProperty("accepted").GetInt64()
            + (ingest.GetProperty("rejected").TryGetProperty("503", out var unavailable) ? unavailable.GetInt64() : 0);
        reached.Should().BeGreaterThanOrEqualTo(1, ingest.GetRawText());
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Errors;

/// <summary>What a user sees of their functions' failures through `fathom errors` and the errors API, with real
/// runtimes under `fathom up`: one bug is one issue however often it fails, two bugs are two, a bug that comes back
/// after a fix is a regression in the newer version, and every way a function can fail is an issue of its type.</summary>
public sealed class ErrorsEndToEndTests(ErrorsAppFixture app) : IClassFixture<ErrorsAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SameErrorFromTheSameLine100Times_IsOneIssueWithCount100()
    {
        // Another test of this class may have called it already.
        var before = (await IssuesAsync("Orders")).SingleOrDefault()?["count"]!.GetValue<long>() ?? 0;

        await CallManyAsync(Enumerable.Range(0, 100).Select(i => $"/orders?id={i}"), parallel: 4);

        var issue = await WaitForIssueAsync("Orders", i => i["count"]!.GetValue<long>() >= before + 100);
        (await IssuesAsync("Orders")).Should().ContainSingle("one bug is one issue, whatever the id in the request");
        issue["count"]!.GetValue<long>().Should().Be(before + 100);
        issue["type"]!.ToString().Should().Be("TypeError");
        issue["title"]!.ToString().Should().StartWith("TypeError: Cannot read properties of undefined");
        issue["culprit"]!.ToString().Should().Be("loadOrder (bugs.js)", "the throwing in-app frame, its file relative to the app");
        issue["state"]!.ToString().Should().Be("unresolved");
    }

    [Fact]
    public async Task TwoDifferentBugs_AreTwoIssues_AndFathomErrorsListsThem()
    {
        await CallManyAsync(["/orders?id=a", "/refunds?amount=10", "/refunds?amount=20"], parallel: 1);

        var refunds = await WaitForIssueAsync("Refunds", i => i["count"]!.GetValue<long>() >= 2);
        var orders = await WaitForIssueAsync("Orders", _ => true);

        refunds["id"]!.GetValue<long>().Should().NotBe(orders["id"]!.GetValue<long>());
        refunds["type"]!.ToString().Should().Be("RangeError");
        refunds["culprit"]!.ToString().Should().Be("refund (bugs.js)");
        var cli = await FathomCli.RunAsync(app.Up.AppDirectory, ["errors", "--server", app.Up.AdminUrl.ToString()]);
        cli.ExitCode.Should().Be(0, cli.StandardError);
        cli.StandardOutput.Should().Contain("ID").And.Contain("CULPRIT")
            .And.Contain("RangeError: refund of ").And.Contain("TypeError").And.Contain("Refunds:1");

        var show = await FathomCli.RunAsync(app.Up.AppDirectory, ["errors", "show", refunds["id"]!.ToString(), "--server", app.Up.AdminUrl.ToString()]);
        show.ExitCode.Should().Be(0, show.StandardError);
        show.StandardOutput.Should().Contain("> at refund (bugs.js:13:");
    }

    [Fact]
    public async Task BugFixedByAReloadThenBroughtBack_IsARegressionInTheNewerVersion()
    {
        var source = app.App.PathOf("flaky/index.js");
        var broken = await File.ReadAllTextAsync(source, Ct);
        await CallManyAsync(["/flaky"], parallel: 1);
        var issue = await WaitForIssueAsync("Flaky", _ => true);
        var id = issue["id"]!.ToString();
        var resolve = await FathomCli.RunAsync(app.Up.AppDirectory, ["errors", "resolve", id, "--server", app.Up.AdminUrl.ToString()]);
        resolve.ExitCode.Should().Be(0, resolve.StandardError);

        await File.WriteAllTextAsync(source, broken.Replace("parse('not json')", "parse('{\"value\":1}')", StringComparison.Ordinal), Ct);
        await WaitForVersionAsync("Flaky", 2);
        using (var client = app.Up.AppClient())
        {
            (await client.GetStringAsync("/flaky", Ct)).Should().Be("1", "version 2 fixed the bug");
        }

        await File.WriteAllTextAsync(source, broken, Ct);
        await WaitForVersionAsync("Flaky", 3);
        await CallManyAsync(["/flaky"], parallel: 1);

        var regressed = await WaitForIssueAsync("Flaky", i => i["count"]!.GetValue<long>() >= 2);
        (await IssuesAsync("Flaky")).Should().ContainSingle("a new version does not make the same bug a new issue");
        regressed["state"]!.ToString().Should().Be("unresolved");
        regressed["regressed"]!.GetValue<bool>().Should().BeTrue();
        regressed["lastVersion"]!.ToString().Should().Be("3");
        regressed["versions"]!.AsArray().Select(v => v!.ToString()).Should().Equal("Flaky:1", "Flaky:3");

        using var admin = app.Up.AdminClient();
        // The function's issue events, among its releases' alias moves (each reload moved its alias: alias.moved).
        var all = JsonNode.Parse(await admin.GetStringAsync("fathom/v1/events?function=Flaky", Ct))!["events"]!.AsArray();
        all.Select(e => e!["kind"]!.ToString()).Should().Contain("alias.moved");
        var events = all.Where(e => e!["kind"]!.ToString().StartsWith("issue.", StringComparison.Ordinal)).ToList();
        events.Select(e => e!["kind"]!.ToString()).Should().Equal("issue.new", "issue.state", "issue.regression");
        events[^1]!["version"]!.ToString().Should().Be("3");
        events[^1]!["payload"]!["issueId"]!.ToString().Should().Be(id);
    }

    [Fact]
    public async Task InitErrorTimeoutCrashAndOutOfMemory_EachAnIssueOfItsType()
    {
        await CallManyAsync(["/broken", "/slow", "/crash", "/hungry"], parallel: 4);

        (await WaitForIssueAsync("Broken", _ => true))["title"]!.ToString().Should().Contain("DATABASE_URL is not set");
        (await WaitForIssueAsync("Slow", _ => true))["type"]!.ToString().Should().Be("Sandbox.Timedout");
        (await WaitForIssueAsync("Crash", _ => true))["type"]!.ToString().Should().Be("Runtime.ExitError");
        (await WaitForIssueAsync("Hungry", _ => true))["type"]!.ToString().Should().BeOneOf("Runtime.OutOfMemory", "Runtime.ExitError");
    }

    [Fact]
    public async Task IgnoreUntilEventsThenReopen_ThroughTheCli_AndShowHasTheRequestsLogLines()
    {
        await CallManyAsync(["/refunds?amount=1"], parallel: 1);
        var id = (await WaitForIssueAsync("Refunds", _ => true))["id"]!.ToString();
        string[] server = ["--server", app.Up.AdminUrl.ToString()];

        var ignore = await FathomCli.RunAsync(app.Up.AppDirectory, ["errors", "ignore", id, "--until-events", "1000", .. server]);
        var ignored = await FathomCli.RunAsync(app.Up.AppDirectory, ["errors", "--status", "ignored", "--json", .. server]);
        var reopen = await FathomCli.RunAsync(app.Up.AppDirectory, ["errors", "reopen", id, .. server]);
        var show = await FathomCli.RunAsync(app.Up.AppDirectory, ["errors", "show", id, "--json", .. server]);

        ignore.ExitCode.Should().Be(0, ignore.StandardError);
        ignore.StandardOutput.Should().Contain("is ignored");
        JsonNode.Parse(ignored.StandardOutput)!["issues"]!.AsArray().Select(i => i!["id"]!.ToString()).Should().Contain(id);
        reopen.StandardOutput.Should().Contain("is unresolved");
        var detail = JsonNode.Parse(show.StandardOutput)!;
        detail["issue"]!["state"]!.ToString().Should().Be("unresolved");
        detail["samples"]!.AsArray().Should().NotBeEmpty();
        var requestId = detail["samples"]![0]!["requestId"]!.ToString();
        detail["logs"]!.AsArray().Should().Contain(l => l!["requestId"]!.ToString() == requestId && l["invocation"] != null,
            "the latest failure's own log records come with the issue");
        var usage = await FathomCli.RunAsync(app.Up.AppDirectory, ["errors", "--status", "sleeping", .. server]);
        usage.ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task BadInput_Is400_UnknownIssueIs404_AsProblemJson()
    {
        using var admin = app.Up.AdminClient();
        foreach (var (method, path, status) in new[]
        {
            ("GET", "fathom/v1/errors?status=sleeping", HttpStatusCode.BadRequest),
            ("GET", "fathom/v1/errors?limit=0", HttpStatusCode.BadRequest),
            ("GET", "fathom/v1/errors?cursor=abc", HttpStatusCode.BadRequest),
            ("GET", "fathom/v1/errors/abc", HttpStatusCode.BadRequest),
            ("GET", "fathom/v1/errors/999999", HttpStatusCode.NotFound),
            ("POST", "fathom/v1/errors/999999/resolve", HttpStatusCode.NotFound),
            ("POST", "fathom/v1/errors/1/explode", HttpStatusCode.BadRequest),
        })
        {
            using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
            response.StatusCode.Should().Be(status, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", path);
        }

        using var badBody = await admin.PostAsJsonAsync("fathom/v1/errors/1/ignore", new { untilEvents = "lots" }, Ct);
        badBody.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private async Task CallManyAsync(IEnumerable<string> paths, int parallel)
    {
        using var client = app.Up.AppClient();
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = Ct }, async (path, ct) =>
        {
            using var response = await client.GetAsync(path, ct);
            response.IsSuccessStatusCode.Should().BeFalse($"{path} fails");
        });
    }

    private async Task<List<JsonObject>> IssuesAsync(string function)
    {
        using var admin = app.Up.AdminClient();
        var page = JsonNode.Parse(await admin.GetStringAsync($"fathom/v1/errors?function={function}", Ct))!;
        return [.. page["issues"]!.AsArray().OfType<JsonObject>()];
    }

    // Events reach the store through the tracker's queue: poll until the issue shows what the test waits for.
    private async Task<JsonObject> WaitForIssueAsync(string function, Func<JsonObject, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var issues = await IssuesAsync(function);
            if (issues.FirstOrDefault(condition) is { } issue)
            {
                return issue;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"waited 60 s for an issue of {function}; have {string.Join(", ", issues.Select(i => i.ToJsonString()))}");
            }

            await Task.Delay(100, Ct);
        }
    }

    private async Task WaitForVersionAsync(string function, int version)
    {
        var clock = Stopwatch.StartNew();
        while (!(await app.Up.StatusAsync()).Aliases(function).Values.Contains(version.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"waited 60 s for version {version} of {function}");
            }

            await Task.Delay(100, Ct);
        }
    }
}

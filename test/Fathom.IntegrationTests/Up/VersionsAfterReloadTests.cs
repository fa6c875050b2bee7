using System.Diagnostics;
using System.Text.Json;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary>What docs/up.md promises once a reload has published a new version: earlier versions stay invocable, and a
/// reload that fails keeps the previous versions serving and says why.</summary>
[Collection(ReloadedAppCollection.Name)]
public sealed class VersionsAfterReloadTests(ReloadedAppFixture app) : IDisposable
{
    private const string FailedReload = "reload failed; still serving the previous version";

    private readonly string _outFile = Path.Combine(Path.GetTempPath(), $"fathom-aws-out-{Guid.NewGuid():N}.json");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reload_FileSavedAsSoonAsServerJsonAppears_IsPublished()
    {
        // Broke: the watcher started after server.json was written, so a file saved in between was never reloaded.
        // The fixture saves the Greeter's code right after server.json appears.
        var status = await app.Up.StatusAsync();

        status.Versions("Greeter").Should().Equal([1, 2]);
        status.Aliases("Greeter").Values.Should().Equal("2");
    }

    [Fact]
    public async Task Invoke_SupersededVersionAfterAReload_LoadsAgainAndAnswersWithItsOwnCode()
    {
        var fathom = await FathomCli.RunAsync(app.Up.AppDirectory, ["invoke", "Greeter", "--qualifier", "1", "--json", "--server", app.Up.AdminUrl.ToString()]);
        var aws = await AwsCli.RunAsync(app.Up.AdminUrl, "lambda", "invoke", "--function-name", "Greeter", "--qualifier", "1", _outFile);
        using var client = app.Up.AppClient();
        var current = await client.GetStringAsync("/greet", Ct);

        fathom.ExitCode.Should().Be(0, fathom.ToString());
        var document = JsonDocument.Parse(fathom.StandardOutput).RootElement;
        document.GetProperty("executedVersion").GetString().Should().Be("1");
        document.GetProperty("payload").GetProperty("body").GetString().Should().Be("version one", "version 1 runs its own code, kept as its artifact");
        document.GetProperty("log").GetString().Should().Contain("Init Duration", "version 1 was retired after the reload and is loaded again on first use");
        aws.ExitCode.Should().Be(0, aws.ToString());
        JsonDocument.Parse(aws.StandardOutput).RootElement.GetProperty("ExecutedVersion").GetString().Should().Be("1");
        JsonDocument.Parse(await File.ReadAllTextAsync(_outFile, Ct)).RootElement.GetProperty("body").GetString().Should().Be("version one");
        current.Should().Be("version two", "the route still follows the alias");
    }

    [Fact]
    public async Task Reload_TemplateNoLongerValid_KeepsServingThePreviousVersionsAndSaysWhere()
    {
        var template = app.App.PathOf("template.yaml");
        var original = await File.ReadAllTextAsync(template, Ct);
        var parameter = "NoSuchParameter" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await File.WriteAllTextAsync(template, original.Replace("Handler: greeter.handler", $"Handler: !Ref {parameter}", StringComparison.Ordinal), Ct);
            var (error, failed) = await WaitForFailureAsync(parameter);

            error.Should().MatchRegex(@"template\.yaml:\d+:\d+: error", "the console says where the template is wrong");
            failed.Should().Contain(FailedReload);
            await ShouldStillServeVersionTwoAsync();
        }
        finally
        {
            await File.WriteAllTextAsync(template, original, Ct);
        }
    }

    [Fact]
    public async Task Reload_BuildFails_KeepsServingThePreviousVersionsAndSaysWhy()
    {
        var packageJson = app.App.PathOf("src/package.json");
        try
        {
            await File.WriteAllTextAsync(packageJson, """{ "name": "greeter", """, Ct);
            var (error, failed) = await WaitForFailureAsync("Building function 'Greeter' failed");

            error.Should().Contain("npm", "the console names the step that failed");
            failed.Should().Contain(FailedReload);
            await ShouldStillServeVersionTwoAsync();
        }
        finally
        {
            File.Delete(packageJson);
        }
    }

    public void Dispose() => File.Delete(_outFile);

    /// <summary>Waits for the console line naming the problem and the "reload failed" line after it.</summary>
    private async Task<(string Error, string Failed)> WaitForFailureAsync(string problem)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var lines = app.Up.Lines;
            var at = lines.ToList().FindIndex(l => l.Contains(problem, StringComparison.Ordinal));
            var failed = at < 0 ? -1 : lines.ToList().FindIndex(at, l => l.Contains(FailedReload, StringComparison.Ordinal));
            if (failed >= 0)
            {
                return (lines[at], lines[failed]);
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"fathom up did not report a failed reload naming '{problem}':\n{app.Up.Output}");
            }

            await Task.Delay(50, Ct);
        }
    }

    private async Task ShouldStillServeVersionTwoAsync()
    {
        using var client = app.Up.AppClient();
        using var response = await client.GetAsync("/greet", Ct);
        var status = await app.Up.StatusAsync();

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("version two", "the previous versions keep serving");
        status.Versions("Greeter").Should().Equal([1, 2], "a failed reload publishes nothing");
        status.Aliases("Greeter").Values.Should().Equal("2");
        status.Versions("Steady").Should().Equal([1]);
    }
}

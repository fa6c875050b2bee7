using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Server;

/// <summary>`fathom server` runs other people's code, so it fails closed: with bubblewrap unavailable it refuses to start,
/// naming each missing defence, unless the operator gives them up in words; then it says so at start, in `fathom status`
/// and in the audit trail of every environment it runs.</summary>
public sealed partial class IsolationRefusalTests : IDisposable
{
    private readonly TempDirectory _bin = new("fathom-nobwrap");

    /// <summary>A PATH with every program of the test's own PATH except bubblewrap: the machine as if it lacked it.</summary>
    private Dictionary<string, string> WithoutBubblewrap()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                var link = Path.Combine(_bin.Path, Path.GetFileName(file));
                if (Path.GetFileName(file) != "bwrap" && !File.Exists(link))
                {
                    File.CreateSymbolicLink(link, file);
                }
            }
        }

        return new Dictionary<string, string> { ["PATH"] = _bin.Path };
    }

    [Fact]
    public async Task Server_WithoutBubblewrap_RefusesToStartUntilToldInWords_ThenSaysSoEverywhere()
    {
        var data = Path.Combine(Path.GetTempPath(), "fathom-srv-iso-" + Guid.NewGuid().ToString("N")[..12]);
        var environment = WithoutBubblewrap();
        try
        {
            var refused = await FluentActions.Awaiting(() => FathomServerProcess.StartAsync(data, [], environment))
                .Should().ThrowAsync<InvalidOperationException>();
            var message = refused.Which.Message;
            message.Should().Contain("fathom server exited with 1");
            message.Should().Contain("sandbox: ").And.Contain("bubblewrap", "the refusal names the missing defence and the package that provides it");
            var allow = AllowFlag().Match(message);
            allow.Success.Should().BeTrue("the refusal says how to give the defences up in words:\n" + message);

            await using var server = await FathomServerProcess.StartAsync(data, [allow.Value], environment);
            server.Output.Should().Contain("Isolation: WEAKER").And.Contain("sandbox");
            using var app = TempApp.CopyOf(Path.Combine(RepoPaths.Examples, "hello"));
            var (deploy, _) = await server.DeployAsync(app.Directory, "--app", "hello", "--env", "prod");
            deploy.ExitCode.Should().Be(0, deploy.ToString());

            var status = await FathomCli.RunAsync(app.Directory, ["status", .. server.ServerArgs, "--json"]);
            status.ExitCode.Should().Be(0, status.ToString());
            var isolation = JsonNode.Parse(status.StandardOutput)!["environments"]![0]!["isolation"]!;
            ((string?)isolation["level"]).Should().Be("weaker");
            isolation["missing"]!.AsArray().Select(m => (string?)m).Should().Contain("sandbox");

            var audit = await FathomCli.RunAsync(app.Directory, ["audit", .. server.ServerArgs, "--app", "hello", "--env", "prod"]);
            audit.StandardOutput.Should().Contain("isolation.weaker").And.Contain("sandbox");
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    public void Dispose() => _bin.Dispose();

    [GeneratedRegex(@"--allow-weaker-isolation=[a-z,-]+")]
    private static partial Regex AllowFlag();
}

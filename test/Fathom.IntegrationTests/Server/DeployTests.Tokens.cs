using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Server;

/// <summary>Tokens as a user meets them on a deployed `fathom server`: the CLI issuing, using, listing and revoking
/// them, and the audit naming the token that deployed (shares the deploy fixture's server).</summary>
public sealed partial class DeployTests
{
    [Fact]
    public async Task TokenCreate_ReadRole_ReadsButCannotRollback_UntilRevoked()
    {
        var created = await CliAsync("token", "create", "--name", "ci-reader", "--role", "read", "--app", "shop");
        var secret = created.StandardOutput.Trim();
        string[] asReader = ["--server", fixture.Server.AdminUrl.ToString(), "--token", secret];

        var status = await FathomCli.RunAsync(Path.GetTempPath(), ["status", "--app", "shop", "--env", "prod", "--json", .. asReader]);
        var rollback = await FathomCli.RunAsync(Path.GetTempPath(), ["rollback", "--app", "shop", "--env", "prod", .. asReader]);
        var list = await CliAsync("token", "list", "--json");
        var revoke = await CliAsync("token", "revoke", "ci-reader");
        var afterRevoke = await FathomCli.RunAsync(Path.GetTempPath(), ["status", "--app", "shop", "--env", "prod", .. asReader]);

        created.ExitCode.Should().Be(0, created.ToString());
        secret.Should().StartWith("fathom_");
        status.ExitCode.Should().Be(0, status.ToString());
        rollback.ExitCode.Should().Be(1);
        rollback.StandardError.Should().Contain("403").And.Contain("has the read role; this needs deploy");
        list.StandardOutput.Should().Contain("ci-reader").And.NotContain(secret);
        revoke.ExitCode.Should().Be(0, revoke.ToString());
        afterRevoke.ExitCode.Should().Be(1);
        afterRevoke.StandardError.Should().Contain("401");
    }

    [Fact]
    public async Task Cli_WithoutAToken_IsToldHowToSendOne()
    {
        var result = await FathomCli.RunAsync(Path.GetTempPath(), ["status", "--server", fixture.Server.AdminUrl.ToString()]);

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("401").And.Contain("FATHOM_TOKEN");
    }

    [Fact]
    public async Task Cli_InADirectoryWithTheServersServerJson_FindsUrlAndTokenThere()
    {
        var directory = Directory.CreateTempSubdirectory("fathom-token-json-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, ".fathom"));
            File.Copy(Path.Combine(fixture.Server.DataDirectory, "server.json"), Path.Combine(directory, ".fathom", "server.json"));

            var status = await FathomCli.RunAsync(directory, ["status", "--app", "shop", "--env", "prod"]);

            status.ExitCode.Should().Be(0, status.ToString());
            status.StandardOutput.Should().Contain("shop/prod");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task TokenCreate_Aws_PrintsEnvironmentAssignments()
    {
        var result = await CliAsync("token", "create", "--name", "aws-lines", "--role", "invoke", "--aws");

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().HaveCount(2, result.ToString());
        lines[0].Should().MatchRegex("^AWS_ACCESS_KEY_ID=AKIA[A-Z2-7]{16}$");
        lines[1].Should().MatchRegex("^AWS_SECRET_ACCESS_KEY=[A-Za-z0-9+/]{40}$");
    }

    [Fact]
    public async Task Audit_Deploy_NamesTheTokenAndTheSourceAddress()
    {
        var audit = JsonNode.Parse((await CliAsync("audit", "--app", "shop", "--env", "prod", "--json")).StandardOutput)!["entries"]!.AsArray();

        var deploy = audit.Last(e => (string?)e!["action"] == "deploy")!;
        ((string?)deploy["actor"]).Should().Be("owner", "the owner token in server.json deployed it");
        ((string?)deploy["source"]).Should().Be("127.0.0.1");
    }

    private Task<CliResult> CliAsync(params string[] args) => FathomCli.RunAsync(Path.GetTempPath(), [.. args, .. fixture.Server.ServerArgs]);
}

using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fathom.Cli.Common;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Token;

/// <summary>`fathom token create --name N --role R [--app A] [--env E] [--expires 30d] [--aws]`: prints the secret once.
/// With <c>--aws</c>, two lines <c>AWS_ACCESS_KEY_ID=…</c> and <c>AWS_SECRET_ACCESS_KEY=…</c> for <c>env</c>/<c>export</c>.</summary>
internal static class TokenCreateCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "The token's name: the actor the audit records.", HelpName = "NAME", Required = true };
        var role = new Option<string>("--role") { Description = "read, invoke, deploy or admin (each includes the ones before).", HelpName = "ROLE", Required = true };
        var app = new Option<string?>("--app") { Description = "Limit the token to one app.", HelpName = "NAME" };
        var env = new Option<string?>("--env") { Description = "Limit the token to one environment of --app.", HelpName = "NAME" };
        var expires = new Option<string?>("--expires") { Description = "Expire after this long: 12h, 30d (default: never).", HelpName = "DURATION" };
        var aws = new Option<bool>("--aws") { Description = "Issue an AWS access key (SigV4, for the aws CLI and SDKs) instead of a bearer token." };
        var json = new Option<bool>("--json") { Description = "One JSON document, as the API returns it." };
        var server = TokenCommand.ServerOption();
        var command = new Command("create", "Issue a token (or with --aws an access key) and print its secret, once. Exit codes: 0 created, 1 refused or server unreachable, 2 usage error.")
        {
            name, role, app, env, expires, aws, json, server,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(role) is not ("read" or "invoke" or "deploy" or "admin"))
            {
                throw new CliUsageException($"--role: '{result.GetValue(role)}' is not one of read, invoke, deploy, admin");
            }

            if (result.GetValue(env) is not null && result.GetValue(app) is null)
            {
                throw new CliUsageException("--env needs --app: a token limited to an environment names its app");
            }

            var adminUrl = ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory);
            var body = new
            {
                name = result.GetValue(name),
                role = result.GetValue(role),
                app = result.GetValue(app),
                env = result.GetValue(env),
                expiresIn = result.GetValue(expires),
                aws = result.GetValue(aws),
            };
            var (code, document) = await AdminApi.SendAsync(adminUrl, new HttpRequestMessage(HttpMethod.Post, "fathom/v1/tokens") { Content = JsonContent.Create(body) }, cancellationToken);
            if (document is null)
            {
                return code;
            }

            await WriteAsync(document, result.GetValue(aws), result.GetValue(json));
            return 0;
        });
        return command;
    }

    private static async Task WriteAsync(JsonNode document, bool aws, bool json)
    {
        if (json)
        {
            await Console.Out.WriteLineAsync(document.ToJsonString(CliJson.Options));
        }
        else if (aws)
        {
            // Standard output is only the two assignments, so `export $(fathom token create … --aws)` works.
            await Console.Out.WriteLineAsync($"AWS_ACCESS_KEY_ID={document["accessKeyId"]}");
            await Console.Out.WriteLineAsync($"AWS_SECRET_ACCESS_KEY={document["secretAccessKey"]}");
            await Console.Error.WriteLineAsync($"Access key '{document["token"]?["name"]}' ({document["token"]?["role"]}) created; the secret is shown only now.");
        }
        else
        {
            await Console.Out.WriteLineAsync((string?)document["secret"]);
            await Console.Error.WriteLineAsync($"Token '{document["token"]?["name"]}' ({document["token"]?["role"]}) created; it is shown only now. Use it as FATHOM_TOKEN or --token.");
        }
    }
}

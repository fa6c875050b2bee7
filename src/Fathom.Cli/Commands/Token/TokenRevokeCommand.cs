using System.CommandLine;
using Fathom.Cli.Common;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Token;

/// <summary>`fathom token revoke NAME|ID`: the token or key stops working at once.</summary>
internal static class TokenRevokeCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("NAME|ID") { Description = "The token's or access key's name or id (see fathom token list)." };
        var json = new Option<bool>("--json") { Description = "One JSON document, as the API returns it." };
        var server = TokenCommand.ServerOption();
        var command = new Command("revoke", "Revoke a token or AWS access key; requests with it are refused from now on. Exit codes: 0 revoked, 1 no such live token or server unreachable, 2 usage error.")
        {
            target, json, server,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var adminUrl = ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory);
            var (code, document) = await AdminApi.SendAsync(adminUrl,
                new HttpRequestMessage(HttpMethod.Delete, $"fathom/v1/tokens/{Uri.EscapeDataString(result.GetValue(target)!)}"), cancellationToken);
            if (document is null)
            {
                return code;
            }

            await Console.Out.WriteLineAsync(result.GetValue(json)
                ? document.ToJsonString(CliJson.Options)
                : $"Revoked {document["revoked"]?["kind"]} '{document["revoked"]?["name"]}' ({document["revoked"]?["id"]}).");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Dashboard;

/// <summary>`fathom dashboard`: asks the server for a one-time dashboard sign-in link (60 seconds, one use) and prints it;
/// opening it in a browser signs that browser in as the caller. Opens nothing itself: the link is a credential, and the
/// user decides which browser gets it.</summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON document: the link and when it expires." };
        var server = new Option<string?>("--server") { Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, http://127.0.0.1:9400).", HelpName = "URL" };
        var command = new Command("dashboard", "Print a one-time link that signs a browser in to the dashboard (valid 60 seconds, once). Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.")
        {
            json, server,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var adminUrl = ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory);
            return PrintAsync(adminUrl, result.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> PrintAsync(Uri adminUrl, bool json, CancellationToken cancellationToken)
    {
        var (code, document) = await AdminApi.SendAsync(adminUrl, new HttpRequestMessage(HttpMethod.Post, "fathom/v1/dashboard/links"), cancellationToken);
        if (document is null)
        {
            return code;
        }

        if (json)
        {
            Console.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        Console.WriteLine($"Open this link within 60 seconds to sign in to the dashboard (it works once):");
        Console.WriteLine($"  {document["url"]}");
        return 0;
    }
}

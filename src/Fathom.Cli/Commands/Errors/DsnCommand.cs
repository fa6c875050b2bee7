using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Errors;

/// <summary>`fathom errors dsn`: the Sentry DSNs of a running server's apps: the one for SDKs outside (the admin
/// port) and the one functions are given (the platform endpoint inside their sandbox, as <c>SENTRY_DSN</c>).</summary>
internal static class DsnCommand
{
    public static Command Create()
    {
        var app = new Option<string?>("--app") { Description = "Only this app's DSN (with --env: made if it does not exist yet).", HelpName = "APP" };
        var env = new Option<string?>("--env") { Description = "Only this environment's DSN.", HelpName = "ENV" };
        var json = new Option<bool>("--json") { Description = "One JSON document, as the API returns it." };
        var server = new Option<string?>("--server") { Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, http://127.0.0.1:9400).", HelpName = "URL" };
        var command = new Command("dsn", "Print the Sentry DSN to give an existing Sentry SDK (functions get theirs as SENTRY_DSN). Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.")
        {
            app, env, json, server,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var adminUrl = ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory);
            return PrintAsync(adminUrl, result.GetValue(app), result.GetValue(env), result.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> PrintAsync(Uri adminUrl, string? app, string? env, bool json, CancellationToken cancellationToken)
    {
        var query = string.Join('&', new[] { ("app", app), ("env", env) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        var (code, document) = await AdminApi.SendAsync(
            adminUrl, new HttpRequestMessage(HttpMethod.Get, "fathom/v1/errors/dsn" + (query.Length > 0 ? "?" + query : "")), cancellationToken);
        if (document is null)
        {
            return code;
        }

        if (json)
        {
            Console.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        var projects = document["projects"] as JsonArray ?? [];
        if (projects.Count == 0)
        {
            await Console.Error.WriteLineAsync("error: no Sentry project yet; pass --app and --env to make one");
            return 1;
        }

        foreach (var project in projects)
        {
            Console.WriteLine($"{project?["app"]} ({project?["environment"]}), project {project?["projectId"]}");
            Console.WriteLine($"  SDKs outside:  {project?["dsn"]}");
            Console.WriteLine($"  functions:     {project?["functionDsn"]}   (set as SENTRY_DSN)");
        }

        return 0;
    }
}

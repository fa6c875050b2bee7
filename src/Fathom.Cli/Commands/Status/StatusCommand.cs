using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fathom.Cli.Common;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Status;

/// <summary>`fathom status`: what is live in each environment of the server (app, environment, URL, functions → alias →
/// version, last release) and how healthy it is (issues seen in the last 15 minutes).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var app = new Option<string?>("--app") { Description = "Only this app's environments.", HelpName = "APP" };
        var env = new Option<string?>("--env") { Description = "Only environments of this name.", HelpName = "ENV" };
        var json = new Option<bool>("--json") { Description = "One JSON document, as the API returns it." };
        var server = new Option<string?>("--server") { Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, $XDG_DATA_HOME/fathom/server.json, http://127.0.0.1:9400).", HelpName = "URL" };
        var command = new Command("status", "Show what is live in each environment of a server and how healthy it is. Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.")
        {
            app, env, json, server,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var adminUrl = ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory);
            var query = new List<string>();
            if (result.GetValue(app) is { } a)
            {
                query.Add("app=" + Uri.EscapeDataString(a));
            }

            if (result.GetValue(env) is { } e)
            {
                query.Add("env=" + Uri.EscapeDataString(e));
            }

            var path = "fathom/v1/environments" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
            var (exit, document) = await AdminApi.SendAsync(adminUrl, new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
            if (exit != 0 || document is null)
            {
                return exit;
            }

            if (result.GetValue(json))
            {
                Console.WriteLine(document.ToJsonString(CliJson.Options));
                return 0;
            }

            Print(Console.Out, ConsoleStyle.ForOut, document["environments"]?.AsArray() ?? []);
            return 0;
        });
        return command;
    }

    internal static void Print(TextWriter output, ConsoleStyle style, JsonArray environments)
    {
        if (environments.Count == 0)
        {
            output.WriteLine("No environments: deploy one with 'fathom deploy DIR --env NAME'.");
            return;
        }

        foreach (var environment in environments.OfType<JsonObject>())
        {
            var release = environment["lastRelease"] is { } number ? $"release {number}" : "no release yet";
            var at = (string?)environment["lastDeployAt"];
            var by = (string?)environment["lastDeployBy"];
            var url = (string?)environment["url"] ?? $"port {environment["port"]} (not listening)";
            output.WriteLine($"{style.Bold($"{environment["app"]}/{environment["environment"]}")}  {url}  {release} live{(at is null ? "" : $"; last deploy {at}")}{(by is null ? "" : $" by {by}")}");
            if (environment["health"] is JsonObject health)
            {
                var issues = (int?)health["issues"] ?? 0;
                output.WriteLine(issues == 0
                    ? $"  health: {style.Green("no errors")} in the last {health["window"]}"
                    : $"  health: {style.Red($"{issues} issue{(issues == 1 ? "" : "s")}")} seen in the last {health["window"]} (fathom errors --app {environment["app"]} --env {environment["environment"]})");
            }

            if (environment["isolation"] is JsonObject isolation && (string?)isolation["level"] == "weaker")
            {
                var missing = string.Join(", ", isolation["missing"]?.AsArray().Select(m => (string?)m) ?? []);
                output.WriteLine($"  isolation: {style.Red("weaker")}, without {missing}");
            }

            var functions = environment["functions"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
            var width = functions.Count == 0 ? 0 : functions.Max(f => ((string?)f["name"])?.Length ?? 0);
            foreach (var function in functions)
            {
                var weight = function["additionalVersion"] is { } extra
                    ? $" ({((double?)function["additionalWeight"] ?? 0).ToString("P0", CultureInfo.InvariantCulture)} on {extra})"
                    : "";
                output.WriteLine($"  {((string?)function["name"])!.PadRight(width)}  {function["alias"]} → {function["version"]?.ToString() ?? "-"}{weight}");
            }
        }
    }
}

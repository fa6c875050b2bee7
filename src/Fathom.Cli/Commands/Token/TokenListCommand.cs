using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fathom.Cli.Common;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Token;

/// <summary>`fathom token list [--json]`: every token and key with its role, scope and state; never a secret.</summary>
internal static class TokenListCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON document, as the API returns it." };
        var all = new Option<bool>("--all") { Description = "Also revoked and expired ones." };
        var server = TokenCommand.ServerOption();
        var command = new Command("list", "List the server's tokens and AWS access keys (never their secrets). Exit codes: 0 success, 1 refused or server unreachable, 2 usage error.")
        {
            json, all, server,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var adminUrl = ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory);
            var (code, document) = await AdminApi.SendAsync(adminUrl, new HttpRequestMessage(HttpMethod.Get, "fathom/v1/tokens"), cancellationToken);
            if (document is null)
            {
                return code;
            }

            if (result.GetValue(json))
            {
                await Console.Out.WriteLineAsync(document.ToJsonString(CliJson.Options));
                return 0;
            }

            var rows = (document["tokens"]?.AsArray() ?? []).OfType<JsonNode>()
                .Where(t => result.GetValue(all) || (string?)t["state"] == "live")
                .Select(t => new[]
                {
                    (string?)t["name"] ?? "", (string?)t["kind"] ?? "", (string?)t["role"] ?? "", Scope(t), (string?)t["state"] ?? "",
                    Time(t["expires"]), Time(t["lastUsed"]), (string?)t["id"] ?? "",
                })
                .ToList();
            string[] header = ["NAME", "KIND", "ROLE", "SCOPE", "STATE", "EXPIRES", "LAST USED", "ID"];
            var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
            foreach (var row in rows.Prepend(header))
            {
                await Console.Out.WriteLineAsync(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }

            return 0;
        });
        return command;
    }

    private static string Scope(JsonNode token) => (string?)token["app"] is { } app ? (string?)token["env"] is { } env ? $"{app}/{env}" : app : "all apps";

    private static string Time(JsonNode? value) =>
        (string?)value is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
            : "-";
}

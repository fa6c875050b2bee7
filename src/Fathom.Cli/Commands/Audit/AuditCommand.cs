using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fathom.Cli.Commands.Releases;
using Fathom.Cli.Common;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Audit;

/// <summary>`fathom audit`: the append-only record of every deploy, rollback and alias change, newest first.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var options = new EnvironmentOptions();
        var limit = new Option<int>("--limit", "-n") { Description = "How many entries to show (1-500).", DefaultValueFactory = _ => 50, HelpName = "N" };
        var command = new Command("audit", "Show who deployed, rolled back or moved an alias in an environment, when, and with what result, newest first. Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.")
        {
            limit,
        };
        options.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(limit) is < 1 or > 500)
            {
                throw new CliUsageException("--limit must be from 1 to 500");
            }

            var adminUrl = ServerLocator.Resolve(result.GetValue(options.Server), Environment.CurrentDirectory);
            var (code, document) = await AdminApi.SendAsync(adminUrl,
                new HttpRequestMessage(HttpMethod.Get, $"fathom/v1/audit?limit={result.GetValue(limit)}{options.Query(result)}"), cancellationToken);
            if (document is null)
            {
                return code;
            }

            if (result.GetValue(options.Json))
            {
                await Console.Out.WriteLineAsync(document.ToJsonString(ReleasePrinter.Indented));
                return 0;
            }

            await WriteTableAsync(Console.Out, (document["entries"] as JsonArray ?? []).OfType<JsonObject>().ToList());
            return 0;
        });
        return command;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<JsonObject> entries)
    {
        if (entries.Count == 0)
        {
            await output.WriteLineAsync("No audit entries.");
            return;
        }

        string[] header = ["WHEN", "ACTOR", "ACTION", "TARGET", "RESULT", "DETAIL"];
        var rows = entries.Select(e => new[]
        {
            DateTimeOffset.TryParse(e["at"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : e["at"]?.ToString() ?? "",
            e["actor"]?.ToString() ?? "",
            e["action"]?.ToString() ?? "",
            e["target"]?.ToString() ?? "",
            e["result"]?.ToString() ?? "",
            e["detail"]?.ToString() ?? "",
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}

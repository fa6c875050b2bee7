using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fathom.Cli.Common;

namespace Fathom.Cli.Commands.Audit;

/// <summary>`fathom audit`: the append-only record of every deploy, rollback and alias change, newest first.</summary>
internal static class AuditCommand
{
    public static Command Create() => EnvironmentListCommand.Create(
        "audit",
        "Show who deployed, rolled back or moved an alias in an environment, when, and with what result, newest first.",
        "entries", 50, "fathom/v1/audit",
        (output, document) => WriteTableAsync(output, (document["entries"] as JsonArray ?? []).OfType<JsonObject>().ToList()));

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

using System.Globalization;
using System.Text.Json.Nodes;

namespace Fathom.Cli.Commands.Errors;

/// <summary>The issue list as a table: id, state, count, title, culprit, last seen, versions.</summary>
internal static class IssueTable
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<JsonObject> issues)
    {
        string[] header = ["ID", "STATE", "COUNT", "TITLE", "CULPRIT", "LAST SEEN", "VERSIONS"];
        var rows = issues.Select(i => new[]
        {
            i["id"]?.ToString() ?? "",
            State(i),
            i["count"]?.ToString() ?? "",
            Cut(i["title"]?.ToString() ?? "", 60),
            Cut(i["culprit"]?.ToString() ?? "-", 40),
            LastSeen(i["lastSeen"]?.ToString()),
            Versions(i),
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        await output.WriteLineAsync(Line(header, widths));
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths));
        }
    }

    private static string State(JsonObject issue) =>
        issue["regressed"]?.GetValue<bool>() == true && issue["state"]?.ToString() == "unresolved" ? "regressed" : issue["state"]?.ToString() ?? "";

    // Versions per function: "Fn:1-3" reads better than every pair when a bug lives through many reloads.
    private static string Versions(JsonObject issue)
    {
        var pairs = (issue["versions"] as JsonArray ?? []).Select(v => v!.ToString()).ToList();
        return string.Join(" ", pairs.GroupBy(p => p[..p.LastIndexOf(':')]).Select(g =>
        {
            var versions = g.Select(p => p[(p.LastIndexOf(':') + 1)..]).ToList();
            return versions.Count == 1 ? $"{g.Key}:{versions[0]}" : $"{g.Key}:{versions[0]}-{versions[^1]}";
        }));
    }

    private static string LastSeen(string? time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : time ?? "";

    private static string Cut(string text, int max)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}

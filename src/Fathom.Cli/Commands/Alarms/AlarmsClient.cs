using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Alarms;

/// <summary>Talks to the alarms API and prints a table, an alarm's history, or the JSON as it came.</summary>
internal sealed class AlarmsClient(Uri adminUrl, TextWriter output)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<int> ListAsync(string? app, string? env, bool json, CancellationToken cancellationToken)
    {
        var (code, document) = await AdminApi.SendAsync(adminUrl, new HttpRequestMessage(HttpMethod.Get, $"fathom/v1/alarms{Query(app, env)}"), cancellationToken);
        if (document is null)
        {
            return code;
        }

        if (json)
        {
            await output.WriteLineAsync(document.ToJsonString(Indented));
            return 0;
        }

        var alarms = (document["alarms"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (alarms.Count == 0)
        {
            await output.WriteLineAsync("No alarms (no function is deployed).");
            return 0;
        }

        string[] header = ["NAME", "KIND", "FUNCTION", "STATE", "SINCE", "REASON"];
        var rows = alarms.Select(a => new[]
        {
            a["name"]?.ToString() ?? "",
            a["kind"]?.ToString() ?? "",
            a["function"]?.ToString() ?? "-",
            a["evaluated"]?.GetValue<bool>() == true ? a["state"]?.ToString() ?? "" : "not evaluated",
            Time(a["since"]?.ToString()),
            a["evaluated"]?.GetValue<bool>() == true ? a["reason"]?.ToString() ?? "" : a["notEvaluated"]?.ToString() ?? "",
        }).ToList();
        await Table.WriteAsync(output, header, rows);
        return 0;
    }

    public async Task<int> HistoryAsync(string name, string? app, string? env, bool json, CancellationToken cancellationToken)
    {
        var (code, document) = await AdminApi.SendAsync(
            adminUrl, new HttpRequestMessage(HttpMethod.Get, $"fathom/v1/alarms/{Uri.EscapeDataString(name)}/history{Query(app, env)}"), cancellationToken);
        if (document is null)
        {
            return code;
        }

        if (json)
        {
            await output.WriteLineAsync(document.ToJsonString(Indented));
            return 0;
        }

        var transitions = (document["transitions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (transitions.Count == 0)
        {
            await output.WriteLineAsync($"{name} has not changed state yet.");
            return 0;
        }

        foreach (var t in transitions)
        {
            await output.WriteLineAsync($"{Time(t["time"]?.ToString())}  {t["oldState"]} -> {t["newState"]}");
            await output.WriteLineAsync($"  {t["reason"]}");
        }

        return 0;
    }

    private static string Query(string? app, string? env)
    {
        var parts = new List<string>();
        if (app is not null)
        {
            parts.Add($"app={Uri.EscapeDataString(app)}");
        }

        if (env is not null)
        {
            parts.Add($"env={Uri.EscapeDataString(env)}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private static string Time(string? time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "-";

    private static class Table
    {
        public static async Task WriteAsync(TextWriter output, string[] header, List<string[]> rows)
        {
            var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
            await output.WriteLineAsync(Line(header, widths));
            foreach (var row in rows)
            {
                await output.WriteLineAsync(Line(row, widths));
            }
        }

        private static string Line(string[] cells, int[] widths) =>
            string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Cli.Common;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Metrics;

/// <summary>Asks the metrics API and prints a block per function: one row per series with its value over the whole
/// range, its smallest and largest point and a sparkline of every period.</summary>
internal sealed class MetricsClient(Uri adminUrl, TextWriter output)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<int> RunAsync(MetricsQuery query, bool json, CancellationToken cancellationToken)
    {
        var functions = new List<string?> { query.Function };
        if (query.Function is null)
        {
            var (code, catalog) = await GetAsync($"fathom/v1/metrics/catalog?{Scope(query)}", cancellationToken);
            if (catalog is null)
            {
                return code;
            }

            functions = [.. (catalog["metrics"] as JsonArray ?? []).Select(m => (string?)m?["function"]).Where(f => !string.IsNullOrEmpty(f)).Distinct().Order(StringComparer.Ordinal)];
        }

        var documents = new JsonObject();
        foreach (var function in functions)
        {
            var (code, document) = await GetAsync($"fathom/v1/metrics?{query.ToQueryString(function)}", cancellationToken);
            if (document is null)
            {
                return code;
            }

            if (json && query.Function is not null)
            {
                await output.WriteLineAsync(document.ToJsonString(Indented));
                return 0;
            }

            if (json)
            {
                documents[function!] = document;
                continue;
            }

            await WriteBlockAsync(function!, document);
        }

        if (json)
        {
            await output.WriteLineAsync(new JsonObject { ["functions"] = documents }.ToJsonString(Indented));
        }
        else if (functions.Count == 0)
        {
            await output.WriteLineAsync("No metrics yet: invoke a function and try again.");
        }

        return 0;
    }

    private async Task WriteBlockAsync(string function, JsonNode document)
    {
        var style = ConsoleStyle.ForOut;
        var start = document["start"]!.GetValue<DateTimeOffset>();
        var end = document["end"]!.GetValue<DateTimeOffset>();
        var periodSeconds = document["periodSeconds"]!.GetValue<long>();
        var periods = (int)Math.Max(1, Math.Ceiling((end - start).TotalSeconds / periodSeconds));
        await output.WriteLineAsync(style.Bold($"{function}") + style.Dim($"  {start.UtcDateTime:yyyy-MM-dd HH:mm} – {end.UtcDateTime:HH:mm} UTC, {document["period"]} periods"));
        var series = (document["series"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (series.Count == 0)
        {
            await output.WriteLineAsync("  no data in this range");
            return;
        }

        string[] header = ["METRIC", "STAT", "TOTAL", "MIN", "MAX", "SHAPE"];
        var rows = new List<string[]>();
        foreach (var s in series)
        {
            var values = new double?[periods];
            var points = (s["points"] as JsonArray ?? []).OfType<JsonObject>().Select(p => (Time: p["time"]!.GetValue<DateTimeOffset>(), Value: p["value"]!.GetValue<double>())).ToList();
            foreach (var (time, value) in points)
            {
                var index = (int)((time - start).TotalSeconds / periodSeconds);
                if (index >= 0 && index < periods)
                {
                    values[index] = value;
                }
            }

            var unit = (string?)s["unit"];
            rows.Add(
            [
                Name(s),
                (string?)s["stat"] ?? "",
                Number(s["total"]?.GetValue<double>(), unit),
                Number(points.Count > 0 ? points.Min(p => p.Value) : null, unit),
                Number(points.Count > 0 ? points.Max(p => p.Value) : null, unit),
                Sparkline.Render(values, 60),
            ]);
        }

        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        await output.WriteLineAsync("  " + style.Dim(Line(header, widths)));
        foreach (var row in rows)
        {
            await output.WriteLineAsync("  " + Line(row, widths));
        }

        await output.WriteLineAsync();
    }

    private static string Name(JsonObject series)
    {
        var name = (string?)series["metric"] ?? "";
        if ((string?)series["namespace"] is { } ns)
        {
            name = $"{ns}/{name}";
        }

        if (series["dimensions"] is JsonObject { Count: > 0 } dimensions)
        {
            name += " {" + string.Join(",", dimensions.Select(d => $"{d.Key}={d.Value}")) + "}";
        }

        return (string?)series["route"] is { } route ? $"{name} {route}" : name;
    }

    private static string Number(double? value, string? unit)
    {
        if (value is not { } v)
        {
            return "-";
        }

        var text = Math.Abs(v - Math.Round(v)) < 1e-9 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
        return unit switch
        {
            "Milliseconds" => text + " ms",
            "Megabytes" => text + " MB",
            "Percent" => text + " %",
            _ => text,
        };
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Scope(MetricsQuery query) =>
        string.Join('&', new[] { ("app", query.App), ("env", query.Environment) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    private Task<(int ExitCode, JsonNode? Document)> GetAsync(string path, CancellationToken cancellationToken) =>
        AdminApi.SendAsync(adminUrl, new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
}

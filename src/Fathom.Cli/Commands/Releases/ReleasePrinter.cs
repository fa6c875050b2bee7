using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Cli.Common;

namespace Fathom.Cli.Commands.Releases;

/// <summary>Releases and rollbacks as a person reads them.</summary>
internal static class ReleasePrinter
{
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteHistoryAsync(TextWriter output, JsonNode document, ConsoleStyle style)
    {
        var releases = (document["releases"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (releases.Count == 0)
        {
            await output.WriteLineAsync($"{document["app"]}/{document["environment"]} has no releases yet.");
            return;
        }

        await output.WriteLineAsync($"{document["app"]}/{document["environment"]}: release {document["live"]} is live");
        foreach (var release in releases)
        {
            var number = release["number"]!.ToString();
            var live = release["live"]?.GetValue<bool>() == true;
            var why = release["reason"]!.ToString() + (release["rollbackOf"] is { } of ? $" to release {of}" : "");
            await output.WriteLineAsync(
                $"{style.Bold("#" + number)}{(live ? style.Green(" (live)") : "")}  {Time(release["at"])}  {release["actor"]}  {why}  {release["outcome"]}");
            var moved = (release["functions"] as JsonArray ?? []).OfType<JsonObject>().Where(f => f["moved"]?.GetValue<bool>() == true).ToList();
            foreach (var function in moved)
            {
                var changes = (function["changes"] as JsonArray ?? []).Select(c => c!.ToString()).ToList();
                await output.WriteLineAsync($"    {function["function"]}: version {Version(function["from"])} → {Version(function["to"])}"
                    + (changes.Count == 0 ? "" : "  " + style.Dim(string.Join("; ", changes))));
            }

            foreach (var setting in (release["settingsChanges"] as JsonArray ?? []).Select(c => c!.ToString()))
            {
                await output.WriteLineAsync($"    settings: {setting}");
            }

            if (moved.Count == 0 && (release["settingsChanges"] as JsonArray ?? []).Count == 0)
            {
                await output.WriteLineAsync("    (what was live then; recorded when the history began)");
            }
        }
    }

    public static async Task WriteRollbackAsync(TextWriter output, JsonNode document)
    {
        var release = document["release"]!;
        var flip = document["flipMilliseconds"]!.GetValue<double>().ToString("0.##", CultureInfo.InvariantCulture);
        await output.WriteLineAsync(
            $"Rolled back {document["app"]}/{document["environment"]} to release {document["rolledBackTo"]} (recorded as release {release["number"]}); the flip took {flip} ms.");
        var moved = (document["moved"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var function in moved)
        {
            await output.WriteLineAsync($"  {function["function"]}: version {Version(function["from"])} → {Version(function["to"])}");
        }

        if (moved.Count == 0)
        {
            await output.WriteLineAsync("  No alias moved: that release had the same versions.");
        }
    }

    private static string Version(JsonNode? version) => version?.ToString() ?? "-";

    private static string Time(JsonNode? time) =>
        DateTimeOffset.TryParse(time?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : time?.ToString() ?? "";
}

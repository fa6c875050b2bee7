using System.Globalization;
using System.Text.Json.Nodes;
using Fathom.Cli.Common;

namespace Fathom.Cli.Commands.Deploy;

/// <summary>Prints a deploy's outcome: one line per function (unchanged, or its new version and what changed), the
/// environment's URL and the release number.</summary>
internal static class DeployPrinter
{
    public static void Print(TextWriter output, ConsoleStyle style, JsonNode document, int uploaded, int artifacts, TimeSpan elapsed)
    {
        var app = (string?)document["app"];
        var environment = (string?)document["environment"];
        output.WriteLine($"{(((bool?)document["created"] ?? false) ? "Created" : "Deployed to")} {style.Bold($"{app}/{environment}")} · uploaded {uploaded} of {artifacts} artifact{(artifacts == 1 ? "" : "s")}");
        var functions = document["functions"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var width = functions.Count == 0 ? 0 : functions.Max(f => ((string?)f["name"])?.Length ?? 0);
        foreach (var function in functions)
        {
            var name = ((string?)function["name"])!.PadRight(width);
            var version = (int?)function["version"];
            var line = (string?)function["status"] switch
            {
                "unchanged" => style.Dim($"unchanged (version {version})"),
                "new" => style.Green($"new version {version}"),
                _ => style.Green($"new version {version}") + $" ({function["change"]} changed; was {function["previousVersion"]})",
            };
            output.WriteLine($"  {name}  {line}");
        }

        foreach (var removed in document["removed"]?.AsArray() ?? [])
        {
            output.WriteLine($"  {removed}  {style.Yellow("removed")}");
        }

        var url = (string?)document["url"] ?? $"port {document["port"]} (not listening)";
        var changed = (bool?)document["changed"] ?? false;
        output.WriteLine($"{(changed ? $"Release {document["release"]}" : $"No changes (release {document["release"]} stays live)")} · {url} · {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
    }
}

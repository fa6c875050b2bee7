using System.Globalization;
using System.Text.Json;
using Fathom.Platform.Events;

namespace Fathom.Alerting.Notifications;

/// <summary>What a person reads about an event, whichever channel carries it: a one-line title, a few lines of text, a
/// severity, and whether it reports a recovery.</summary>
internal sealed record NotificationMessage(
    PlatformEvent Event, string Title, string Text, string Severity, bool Resolved, string AlertName, JsonElement Payload)
{
    /// <summary>critical (an alarm), error (new issues, regressions, rollbacks), warning, info.</summary>
    public static NotificationMessage From(PlatformEvent e)
    {
        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(e.Payload).RootElement.Clone();
        }
        catch (JsonException)
        {
            payload = JsonDocument.Parse("{}").RootElement.Clone();
        }

        string Str(string name) => payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? "" : v.GetRawText()
            : "";
        var where = $"{e.App}/{e.Environment}";
        var fn = e.Function is null ? "" : $" {e.Function}";
        return e.Kind switch
        {
            PlatformEventKinds.AlarmState => new(e,
                $"[{Str("state")}] {Str("alarm")} ({where}{fn})",
                $"{Str("reason")}{Line("Was", Str("previousState"))}{Line("Metric", Str("metric"))}{Line("Description", Str("description"))}",
                Str("state") switch { "ALARM" => "critical", "OK" => "info", _ => "warning" },
                Str("state") == "OK", Str("alarm"), payload),
            PlatformEventKinds.IssueNew => new(e,
                $"New issue in{fn} ({where}): {Str("title")}", $"A failure never seen before.{Line("Issue", Str("issueId"))}{Line("Version", e.Version ?? "")}",
                "error", false, "FathomNewIssue", payload),
            PlatformEventKinds.IssueRegression => new(e,
                $"Regression in{fn} ({where}): {Str("title")}", $"A resolved issue is failing again.{Line("Issue", Str("issueId"))}{Line("Version", e.Version ?? "")}",
                "error", false, "FathomRegression", payload),
            PlatformEventKinds.Release when NotificationRouting.IsRollback(e) => new(e,
                $"{where} rolled back to release {Str("rollbackOf")}", $"Release {Str("release")} by {Str("actor")}.",
                "error", false, "FathomRollback", payload),
            PlatformEventKinds.Release => new(e,
                $"{where} release {Str("release")} ({Str("reason")} by {Str("actor")})", Functions(payload),
                "info", false, "FathomRelease", payload),
            NotificationTest.Kind => new(e,
                $"Test notification from Fathom ({where})", "If you can read this, the channel works.", "info", false, "FathomTest", payload),
            _ => new(e, $"{e.Kind} in {where}{fn}", e.Payload, "warning", false, "Fathom" + e.Kind.Replace(".", "", StringComparison.Ordinal), payload),
        };
    }

    private static string Line(string label, string value) => value.Length == 0 ? "" : $"\n{label}: {value}";

    private static string Functions(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("functions", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        return string.Join("\n", list.EnumerateArray().Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{f.GetProperty("function")}: {(f.TryGetProperty("from", out var from) ? from.ToString() : "")} → {(f.TryGetProperty("to", out var to) ? to.ToString() : "")}")));
    }
}

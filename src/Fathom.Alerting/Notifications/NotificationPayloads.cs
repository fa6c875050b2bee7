using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fathom.Alerting.Notifications;

/// <summary>The bodies each channel type is sent (docs/notifications.md "Payloads").</summary>
internal static class NotificationPayloads
{
    /// <summary>Fathom's own webhook body: the event as stored plus what a person reads.</summary>
    public static string Webhook(NotificationDelivery delivery, NotificationMessage message)
    {
        var e = message.Event;
        return new JsonObject
        {
            ["version"] = 1,
            ["delivery"] = delivery.Id,
            ["channel"] = delivery.Target.Name,
            ["title"] = message.Title,
            ["text"] = message.Text,
            ["severity"] = message.Severity,
            ["status"] = message.Resolved ? "resolved" : "firing",
            ["event"] = new JsonObject
            {
                ["id"] = e.Id,
                ["kind"] = e.Kind,
                ["time"] = Iso(e.Time),
                ["app"] = e.App,
                ["environment"] = e.Environment,
                ["function"] = e.Function,
                ["version"] = e.Version,
                ["payload"] = JsonNode.Parse(message.Payload.GetRawText()),
            },
        }.ToJsonString();
    }

    /// <summary>A Slack incoming-webhook body: <c>text</c> (the fallback and the notification preview) and blocks.</summary>
    public static string Slack(NotificationMessage message)
    {
        var e = message.Event;
        var context = string.Join(" · ", new[] { $"{e.App}/{e.Environment}", e.Function, e.Version is null ? null : $"version {e.Version}", Iso(e.Time) }.Where(s => s is not null));
        return new JsonObject
        {
            ["text"] = message.Title,
            ["blocks"] = new JsonArray
            {
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(message.Title, 150) } },
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(message.Text.Length == 0 ? message.Title : message.Text, 3000) } },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(context, 3000) } } },
            },
        }.ToJsonString();
    }

    /// <summary>One alert for Alertmanager's <c>POST /api/v2/alerts</c>. An alarm's recovery ends its alert (<c>endsAt</c>);
    /// other events start one that Alertmanager resolves after its <c>resolve_timeout</c>.</summary>
    public static string Alertmanager(NotificationMessage message)
    {
        var e = message.Event;
        var labels = new JsonObject
        {
            ["alertname"] = message.AlertName,
            ["app"] = e.App,
            ["env"] = e.Environment,
            ["severity"] = message.Severity,
        };
        if (e.Function is not null)
        {
            labels["function"] = e.Function;
        }

        if (message.Payload.ValueKind == JsonValueKind.Object && message.Payload.TryGetProperty("issueId", out var issue))
        {
            labels["issue"] = issue.ToString();
        }

        var alert = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = new JsonObject { ["summary"] = message.Title, ["description"] = message.Text, ["fathom_event"] = e.Kind },
            ["startsAt"] = Iso(e.Time),
        };
        if (message.Resolved)
        {
            alert["endsAt"] = Iso(e.Time);
        }

        return new JsonArray { alert }.ToJsonString();
    }

    internal static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

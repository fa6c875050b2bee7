using System.Text.Json;
using Fathom.Apps.Config;
using Fathom.Platform.Events;

namespace Fathom.Alerting.Notifications;

/// <summary>Which targets a platform event goes to: the channels whose <c>events</c> name its group, and for an alarm
/// transition the subscriptions of the topics its actions for the new state name.</summary>
internal static class NotificationRouting
{
    /// <summary>The <see cref="NotificationEventGroups"/> word an event belongs to, or null for events never notified
    /// (<c>alias.moved</c> is covered by its release; <c>notification.failed</c> would notify about itself).</summary>
    public static string? GroupOf(PlatformEvent e) => e.Kind switch
    {
        PlatformEventKinds.AlarmState => NotificationEventGroups.Alarm,
        PlatformEventKinds.IssueNew => NotificationEventGroups.IssueNew,
        PlatformEventKinds.IssueRegression => NotificationEventGroups.IssueRegression,
        PlatformEventKinds.Release => IsRollback(e) ? NotificationEventGroups.Rollback : NotificationEventGroups.Release,
        PlatformEventKinds.RolloutRolledBack => NotificationEventGroups.Rollback,
        PlatformEventKinds.RolloutStep or PlatformEventKinds.RolloutCompleted => NotificationEventGroups.Rollout,
        PlatformEventKinds.UptimeIncident => NotificationEventGroups.Uptime,
        _ => null,
    };

    /// <summary>A release is a rollback when it names the release it went back to (Deployments' <c>rollbackOf</c>).</summary>
    public static bool IsRollback(PlatformEvent e)
    {
        using var payload = Parse(e.Payload);
        var root = payload.RootElement;
        return (root.TryGetProperty("rollbackOf", out var of) && of.ValueKind != JsonValueKind.Null)
            || (root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String && reason.GetString() == "rollback");
    }

    public static List<NotificationDelivery> Expand(PlatformEvent e, NotificationTargets targets, DateTimeOffset now)
    {
        var deliveries = new List<NotificationDelivery>();
        if (e.App is null || e.Environment is null || GroupOf(e) is not { } group)
        {
            return deliveries;
        }

        var eventJson = JsonSerializer.Serialize(e, NotificationJson.Default.PlatformEvent);
        NotificationDelivery For(DeliveryTarget target) => new()
        {
            App = e.App, Environment = e.Environment, Target = target, EventId = e.Id, EventKind = e.Kind, EventJson = eventJson,
            Created = now, NextAttempt = now,
        };

        // Channels hear an alarm when it fires and when it recovers; the settling of a new alarm (INSUFFICIENT_DATA to OK,
        // five per function at every start) is no news. Topics follow CloudWatch: their OKActions fire on any entry to OK.
        var channelNews = e.Kind != PlatformEventKinds.AlarmState || InvolvesAlarm(e);
        foreach (var channel in targets.Channels.Where(c => channelNews && c.Events.Contains(group, StringComparer.Ordinal)))
        {
            deliveries.Add(For(DeliveryTarget.ForChannel(channel)));
        }

        if (e.Kind == PlatformEventKinds.AlarmState)
        {
            var actions = AlarmActions(e);
            var mailer = targets.Channels.FirstOrDefault(c => c.Type == NotificationChannelType.Email);
            foreach (var topic in targets.Topics.Where(t => actions.Any(t.IsNamedBy)))
            {
                foreach (var subscription in topic.Subscriptions)
                {
                    var kind = subscription.Protocol switch
                    {
                        "http" or "https" => DeliveryTargetKind.SnsHttp,
                        "email" or "email-json" => DeliveryTargetKind.SnsEmail,
                        _ => (DeliveryTargetKind?)null,
                    };
                    if (kind is { } k)
                    {
                        deliveries.Add(For(new DeliveryTarget
                        {
                            Name = $"sns:{topic.LogicalId}:{subscription.Protocol}:{subscription.Endpoint}",
                            Kind = k,
                            TopicArn = topic.Arn,
                            Endpoint = subscription.Endpoint,
                            Protocol = subscription.Protocol,
                            Channel = k == DeliveryTargetKind.SnsEmail ? mailer : null,
                        }));
                    }
                }
            }
        }

        return deliveries;
    }

    /// <summary>True when an alarm transition enters or leaves ALARM.</summary>
    private static bool InvolvesAlarm(PlatformEvent e)
    {
        using var payload = Parse(e.Payload);
        var root = payload.RootElement;
        return (root.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String && state.GetString() == "ALARM")
            || (root.TryGetProperty("previousState", out var previous) && previous.ValueKind == JsonValueKind.String && previous.GetString() == "ALARM");
    }

    /// <summary>The actions of the state an alarm entered (AlarmActions for ALARM, OKActions for OK, ...).</summary>
    private static List<string> AlarmActions(PlatformEvent e)
    {
        using var payload = Parse(e.Payload);
        var root = payload.RootElement;
        var state = root.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var key = state switch
        {
            "ALARM" => "alarmActions",
            "OK" => "okActions",
            "INSUFFICIENT_DATA" => "insufficientDataActions",
            _ => null,
        };
        return key is not null && root.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)]
            : [];
    }

    private static JsonDocument Parse(string payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("{}");
        }
    }
}

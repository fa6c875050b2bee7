using Fathom.Apps.Config;

namespace Fathom.Alerting.Notifications;

/// <summary>What one app environment notifies: its <c>fathom.yaml</c> channels and its template's SNS topics.</summary>
public sealed record NotificationTargets(IReadOnlyList<NotificationChannelConfig> Channels, IReadOnlyList<NotificationTopic> Topics)
{
    public static NotificationTargets None { get; } = new([], []);
}

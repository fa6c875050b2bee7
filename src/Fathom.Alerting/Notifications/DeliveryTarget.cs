using Fathom.Apps.Config;

namespace Fathom.Alerting.Notifications;

/// <summary>Where one delivery goes, stored with it in the outbox (as JSON) when the event is expanded, so a delivery
/// pending across a restart or a redeploy still knows where to go. Secrets are never in it: only the names of the
/// server's environment variables that hold them.</summary>
public sealed record DeliveryTarget
{
    /// <summary>The channel's name, or <c>sns:TOPIC:PROTOCOL:ENDPOINT</c>; unique within an environment.</summary>
    public required string Name { get; init; }

    public required DeliveryTargetKind Kind { get; init; }

    /// <summary>The channel (for SNS email subscriptions: the email channel whose SMTP server sends).</summary>
    public NotificationChannelConfig? Channel { get; init; }

    public string? TopicArn { get; init; }

    /// <summary>The subscription's URL or address.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The subscription protocol as written (<c>email-json</c> sends the JSON message as the mail's body).</summary>
    public string? Protocol { get; init; }

    public static DeliveryTarget ForChannel(NotificationChannelConfig channel) => new()
    {
        Name = channel.Name,
        Channel = channel,
        Kind = channel.Type switch
        {
            NotificationChannelType.Slack => DeliveryTargetKind.Slack,
            NotificationChannelType.Alertmanager => DeliveryTargetKind.Alertmanager,
            NotificationChannelType.Email => DeliveryTargetKind.Email,
            _ => DeliveryTargetKind.Webhook,
        },
    };
}

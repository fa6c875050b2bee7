namespace Fathom.Apps.Config;

/// <summary>What a notification channel speaks.</summary>
public enum NotificationChannelType
{
    /// <summary>Fathom's own JSON body, optionally HMAC-signed.</summary>
    Webhook,

    /// <summary>A Slack-compatible incoming webhook (<c>text</c> + <c>blocks</c>).</summary>
    Slack,

    /// <summary>Prometheus Alertmanager's <c>POST /api/v2/alerts</c>.</summary>
    Alertmanager,

    /// <summary>Mail through an SMTP server.</summary>
    Email,
}

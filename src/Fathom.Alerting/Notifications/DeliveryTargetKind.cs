namespace Fathom.Alerting.Notifications;

/// <summary>How a delivery is sent.</summary>
public enum DeliveryTargetKind
{
    Webhook,
    Slack,
    Alertmanager,
    Email,

    /// <summary>An <c>https</c>/<c>http</c> subscription of an SNS topic: SNS's Notification envelope.</summary>
    SnsHttp,

    /// <summary>An <c>email</c>/<c>email-json</c> subscription of an SNS topic, sent through the app's email channel's server.</summary>
    SnsEmail,
}

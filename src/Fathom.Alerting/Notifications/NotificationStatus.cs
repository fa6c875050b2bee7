namespace Fathom.Alerting.Notifications;

/// <summary>A delivery's states: pending (not sent yet, or retrying), sent, failed (gave up).</summary>
public static class NotificationStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

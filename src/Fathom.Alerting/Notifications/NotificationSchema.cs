namespace Fathom.Alerting.Notifications;

/// <summary>The notification tables of <c>alerting.db</c>.</summary>
internal static class NotificationSchema
{
    public const string V1 = """
        CREATE TABLE notification_outbox (placeholder INTEGER);
        """;
}

namespace Fathom.Alerting.Notifications;

/// <summary>The notification tables of <c>alerting.db</c>: the outbox. A delivery is one platform event for one target
/// (a channel, or a topic subscription), unique by (app, environment, target, event), so expanding an event twice after
/// a crash stores it once.</summary>
internal static class NotificationSchema
{
    public const string V1 = """
        CREATE TABLE notification_deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            app TEXT NOT NULL,
            environment TEXT NOT NULL,
            target TEXT NOT NULL,
            target_json TEXT NOT NULL,
            event_id INTEGER NOT NULL,
            event_kind TEXT NOT NULL,
            event_json TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            created INTEGER NOT NULL,
            next_attempt INTEGER NOT NULL,
            last_attempt INTEGER,
            last_error TEXT,
            sent INTEGER,
            UNIQUE (app, environment, target, event_id));
        CREATE INDEX notification_deliveries_due ON notification_deliveries (status, next_attempt);
        """;
}

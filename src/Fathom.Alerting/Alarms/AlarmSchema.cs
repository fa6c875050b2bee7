namespace Fathom.Alerting.Alarms;

/// <summary>The alarm tables of <c>alerting.db</c>: each alarm's current state, and its history of transitions with the
/// datapoints behind each and the <c>alarm.state</c> payload (published to <c>platform.db</c> after the row commits; an
/// unpublished row is published again on start, the dedupe key making a repeat harmless).</summary>
internal static class AlarmSchema
{
    public const string V1 = """
        CREATE TABLE alarm_states (
            app TEXT NOT NULL,
            environment TEXT NOT NULL,
            name TEXT NOT NULL,
            state TEXT NOT NULL,
            since INTEGER NOT NULL,
            reason TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (app, environment, name)
        ) WITHOUT ROWID;
        CREATE TABLE alarm_history (
            id INTEGER PRIMARY KEY,
            app TEXT NOT NULL,
            environment TEXT NOT NULL,
            name TEXT NOT NULL,
            seq INTEGER NOT NULL,
            time INTEGER NOT NULL,
            old_state TEXT NOT NULL,
            new_state TEXT NOT NULL,
            reason TEXT NOT NULL,
            datapoints TEXT NOT NULL,
            function TEXT,
            version TEXT,
            payload TEXT NOT NULL,
            published INTEGER NOT NULL DEFAULT 0,
            UNIQUE (app, environment, name, seq)
        );
        CREATE INDEX alarm_history_unpublished ON alarm_history (published) WHERE published = 0;
        """;
}

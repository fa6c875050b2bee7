using Fathom.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Errors;

/// <summary>The schema of <c>errors.db</c>, migrated by <c>PRAGMA user_version</c>. Times are Unix milliseconds.</summary>
internal static class ErrorSchema
{
    public const int Version = 1;

    public static void Ensure(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }

        StoreSchema.Ensure(connection, "errors", Version, V1);
    }

    private const string V1 = """
        BEGIN;
        CREATE TABLE issues (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            app TEXT NOT NULL,
            environment TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            type TEXT NOT NULL,
            title TEXT NOT NULL,
            culprit TEXT,
            count INTEGER NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            first_version TEXT NOT NULL,
            last_version TEXT NOT NULL,
            state TEXT NOT NULL,
            regressed INTEGER NOT NULL DEFAULT 0,
            resolved_version TEXT,
            ignored_until INTEGER,
            ignored_until_count INTEGER,
            UNIQUE (app, environment, fingerprint));
        CREATE INDEX issues_last_seen ON issues (last_seen DESC, id DESC);
        CREATE TABLE issue_versions (
            issue_id INTEGER NOT NULL,
            function TEXT NOT NULL,
            version TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (issue_id, function, version)) WITHOUT ROWID;
        CREATE TABLE issue_hours (
            issue_id INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (issue_id, hour)) WITHOUT ROWID;
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            issue_id INTEGER NOT NULL,
            first INTEGER NOT NULL,
            body TEXT NOT NULL);
        CREATE INDEX events_issue ON events (issue_id, id);
        PRAGMA user_version = 1;
        COMMIT;
        """;
}

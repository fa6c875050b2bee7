using Fathom.Alerting.Alarms;
using Fathom.Alerting.Notifications;
using Fathom.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Fathom.Alerting.Storage;

/// <summary><c>alerting.db</c> (DESIGN.md "Data"): alarm states and history, uptime results, the notification outbox.
/// Each feature owns its tables' script; the file has one schema version.</summary>
public static class AlertingDatabase
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string FileName = "alerting.db";

    /// <summary>The schema this build knows.</summary>
    public const int Version = 1;

    /// <summary>Opens a connection to <c>alerting.db</c> in <paramref name="dataDirectory"/>, creating or checking its
    /// schema; the caller owns the connection.</summary>
    public static SqliteConnection Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
                pragma.ExecuteNonQuery();
            }

            StoreSchema.Ensure(connection, "alerting", Version, $"""
                BEGIN;
                {AlarmSchema.V1}
                {NotificationSchema.V1}
                PRAGMA user_version = {Version};
                COMMIT;
                """);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

/// <summary>Creates the deployments tables; <c>user_version</c> records the schema so later forms can migrate.</summary>
internal static class DeploymentSchema
{
    public const int Version = 1;

    private const string Create = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS apps (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS environments (
            id INTEGER PRIMARY KEY,
            app_id INTEGER NOT NULL REFERENCES apps(id),
            name TEXT NOT NULL,
            UNIQUE (app_id, name));
        CREATE TABLE IF NOT EXISTS functions (
            id INTEGER PRIMARY KEY,
            environment_id INTEGER NOT NULL REFERENCES environments(id),
            name TEXT NOT NULL,
            default_alias TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (environment_id, name));
        CREATE TABLE IF NOT EXISTS versions (
            function_id INTEGER NOT NULL REFERENCES functions(id),
            number INTEGER NOT NULL,
            artifact_hash TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            config_json TEXT NOT NULL,
            description TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (function_id, number)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS aliases (
            function_id INTEGER NOT NULL REFERENCES functions(id),
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            additional_version INTEGER,
            additional_weight REAL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (function_id, name)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS releases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            function_id INTEGER NOT NULL REFERENCES functions(id),
            alias TEXT,
            from_version INTEGER,
            to_version INTEGER NOT NULL,
            additional_version INTEGER,
            additional_weight REAL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS releases_by_function ON releases (function_id, id);
        CREATE TABLE IF NOT EXISTS function_concurrency (
            function_id INTEGER PRIMARY KEY REFERENCES functions(id),
            reserved INTEGER NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS alias_descriptions (
            function_id INTEGER NOT NULL REFERENCES functions(id),
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            PRIMARY KEY (function_id, name)) WITHOUT ROWID;
        PRAGMA user_version = 1;
        """;

    public static async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Version)
        {
            throw new DeploymentException(
                $"The deployments database was written by a newer Fathom (schema {current}, this one knows {Version}); upgrade Fathom.");
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Create;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

/// <summary>Creates the deployments tables; <c>user_version</c> records the schema so later forms can migrate.
/// Schema 1 (the first <c>fathom up</c>) had versions, aliases and the per-function alias-move log (<c>releases</c>);
/// schema 2 adds environment releases, their per-function rows, the append-only audit table and the event outbox;
/// schema 3 records the source address of each audited request (access control: the actor is a token's name).</summary>
internal static class DeploymentSchema
{
    public const int Version = 3;

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
        """;

    /// <summary>Schema 1 → 2. Additive, so a database <c>fathom up</c> wrote keeps working; what is live at the
    /// migration becomes release 1 of each environment (reason <c>migrated</c>), so the first reload after it can be
    /// rolled back.</summary>
    private const string MigrateTo2 = """
        CREATE TABLE IF NOT EXISTS release_history (
            environment_id INTEGER NOT NULL REFERENCES environments(id),
            number INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT NOT NULL,
            outcome TEXT NOT NULL,
            rollback_of INTEGER,
            parameters_json TEXT,
            settings_json TEXT,
            settings_changes_json TEXT,
            PRIMARY KEY (environment_id, number)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS release_functions (
            environment_id INTEGER NOT NULL,
            release_number INTEGER NOT NULL,
            function TEXT NOT NULL,
            alias TEXT NOT NULL,
            from_version INTEGER,
            to_version INTEGER,
            created INTEGER NOT NULL,
            changes_json TEXT NOT NULL,
            PRIMARY KEY (environment_id, release_number, function),
            FOREIGN KEY (environment_id, release_number) REFERENCES release_history (environment_id, number)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            app TEXT NOT NULL,
            environment TEXT NOT NULL,
            target TEXT NOT NULL,
            result TEXT NOT NULL,
            detail TEXT);
        CREATE INDEX IF NOT EXISTS audit_by_environment ON audit (app, environment, id);
        CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit table is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit table is append-only'); END;
        CREATE TABLE IF NOT EXISTS event_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            app TEXT NOT NULL,
            environment TEXT NOT NULL,
            function TEXT,
            version TEXT,
            dedupe_key TEXT NOT NULL,
            payload TEXT NOT NULL);
        INSERT INTO release_history (environment_id, number, at, actor, reason, outcome)
            SELECT DISTINCT f.environment_id, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'fathom', 'migrated', 'succeeded'
            FROM aliases a JOIN functions f ON f.id = a.function_id
            WHERE NOT EXISTS (SELECT 1 FROM release_history r WHERE r.environment_id = f.environment_id);
        INSERT INTO release_functions (environment_id, release_number, function, alias, from_version, to_version, created, changes_json)
            SELECT f.environment_id, 1, f.name, a.name, NULL, a.version, 1, '[]'
            FROM functions f JOIN aliases a ON a.function_id = f.id AND a.name = coalesce(f.default_alias, 'live')
            WHERE NOT EXISTS (SELECT 1 FROM release_functions r WHERE r.environment_id = f.environment_id);
        PRAGMA user_version = 2;
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

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Create;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (current < 2)
        {
            // One transaction: a crash mid-migration leaves schema 1, and the next open migrates again.
            await using var migrate = connection.CreateCommand();
            migrate.CommandText = "BEGIN IMMEDIATE;\n" + MigrateTo2 + "\nCOMMIT;";
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (current < 3)
        {
            await using var migrate = connection.CreateCommand();
            migrate.CommandText = "BEGIN IMMEDIATE;\nALTER TABLE audit ADD COLUMN source TEXT;\nPRAGMA user_version = 3;\nCOMMIT;";
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

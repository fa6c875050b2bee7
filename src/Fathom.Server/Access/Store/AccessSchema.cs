namespace Fathom.Server.Access.Store;

/// <summary>The tables of <c>access.db</c>: bearer tokens (the SHA-256 of the secret, never the secret), AWS access
/// keys (the secret encrypted: SigV4 verification needs it in clear) and the append-only audit of both.</summary>
internal static class AccessSchema
{
    public const int Version = 1;

    public const string V1 = """
        BEGIN;
        CREATE TABLE IF NOT EXISTS tokens (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            app TEXT,
            environment TEXT,
            secret_hash BLOB NOT NULL,
            created TEXT NOT NULL,
            expires TEXT,
            revoked TEXT,
            last_used TEXT) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS aws_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            app TEXT,
            environment TEXT,
            secret_sealed BLOB NOT NULL,
            created TEXT NOT NULL,
            expires TEXT,
            revoked TEXT,
            last_used TEXT) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            source TEXT,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT);
        CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit table is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit table is append-only'); END;
        PRAGMA user_version = 1;
        COMMIT;
        """;
}

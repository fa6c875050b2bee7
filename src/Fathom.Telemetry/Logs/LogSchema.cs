using Fathom.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>Creates and migrates <c>logs.db</c>; <c>PRAGMA user_version</c> records the schema.</summary>
internal static class LogSchema
{
    public const int Version = 1;

    // auto_vacuum only takes effect before the first table exists, so it comes first: retention can then hand freed
    // pages back to the file system with incremental_vacuum instead of a full VACUUM that would stall ingest.
    // Full text lives in append-only shards (TextShards) created as rows arrive; the request id is looked up through
    // them too (column `request`, the id as one token): request ids are random, and a B-tree over them dirtied about one
    // page per inserted row, which cost ~40 % of ingest at 1M rows, while FTS5 writes each batch as a sorted segment.
    private const string V1 = """
        PRAGMA auto_vacuum = INCREMENTAL;
        PRAGMA journal_mode = WAL;
        BEGIN;
        CREATE TABLE lines (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            time INTEGER NOT NULL,
            app TEXT NOT NULL,
            environment TEXT NOT NULL,
            function TEXT NOT NULL,
            version TEXT NOT NULL,
            qualifier TEXT,
            source TEXT,
            request_id TEXT,
            level INTEGER NOT NULL,
            stream TEXT NOT NULL,
            environment_id TEXT,
            message TEXT NOT NULL,
            fields TEXT,
            invocation_start INTEGER,
            duration_us INTEGER,
            billed_duration_us INTEGER,
            memory_size_mb INTEGER,
            max_memory_used_mb INTEGER,
            init_duration_us INTEGER,
            outcome TEXT);
        CREATE INDEX lines_by_function ON lines (function, seq);
        CREATE INDEX lines_by_time ON lines (time);
        CREATE TABLE text_shards (
            id INTEGER PRIMARY KEY,
            first_seq INTEGER NOT NULL,
            first_time INTEGER NOT NULL);
        PRAGMA user_version = 1;
        COMMIT;
        """;

    public static void Ensure(SqliteConnection connection) => StoreSchema.Ensure(connection, "logs", Version, V1);
}

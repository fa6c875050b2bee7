using Fathom.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Metrics;

/// <summary>Creates and migrates <c>metrics.db</c>; <c>PRAGMA user_version</c> records the schema.</summary>
internal static class MetricSchema
{
    public const int Version = 1;

    /// <summary>The three resolutions, finest first: each has its own table and retention.</summary>
    public static readonly int[] Resolutions = [1, 60, 3600];

    // One row per series per period. Points carry mergeable statistics (count, sum, min, max, the histogram) plus the
    // percentiles of their own period precomputed, so a query at the stored resolution reads numbers, not histograms.
    // The unique key leads with app, environment and function: a query for one function finds its series by index.
    private const string V1 = """
        PRAGMA journal_mode = WAL;
        BEGIN;
        CREATE TABLE series (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            app TEXT NOT NULL,
            environment TEXT NOT NULL,
            function TEXT NOT NULL,
            version TEXT NOT NULL,
            qualifier TEXT NOT NULL,
            source TEXT NOT NULL,
            route TEXT NOT NULL,
            namespace TEXT NOT NULL,
            metric TEXT NOT NULL,
            dimensions TEXT NOT NULL,
            unit TEXT NOT NULL,
            UNIQUE (app, environment, function, kind, namespace, metric, version, qualifier, source, route, dimensions, unit));
        CREATE TABLE points_1s (series INTEGER NOT NULL, t INTEGER NOT NULL, count INTEGER NOT NULL, sum REAL NOT NULL,
            min REAL NOT NULL, max REAL NOT NULL, p50 REAL, p90 REAL, p99 REAL, hist BLOB, PRIMARY KEY (series, t)) WITHOUT ROWID;
        CREATE TABLE points_1m (series INTEGER NOT NULL, t INTEGER NOT NULL, count INTEGER NOT NULL, sum REAL NOT NULL,
            min REAL NOT NULL, max REAL NOT NULL, p50 REAL, p90 REAL, p99 REAL, hist BLOB, PRIMARY KEY (series, t)) WITHOUT ROWID;
        CREATE TABLE points_1h (series INTEGER NOT NULL, t INTEGER NOT NULL, count INTEGER NOT NULL, sum REAL NOT NULL,
            min REAL NOT NULL, max REAL NOT NULL, p50 REAL, p90 REAL, p99 REAL, hist BLOB, PRIMARY KEY (series, t)) WITHOUT ROWID;
        PRAGMA user_version = 1;
        COMMIT;
        """;

    public static string Table(int resolution) => resolution switch
    {
        1 => "points_1s",
        60 => "points_1m",
        3600 => "points_1h",
        _ => throw new ArgumentOutOfRangeException(nameof(resolution)),
    };

    public static void Ensure(SqliteConnection connection) => StoreSchema.Ensure(connection, "metrics", Version, V1);
}

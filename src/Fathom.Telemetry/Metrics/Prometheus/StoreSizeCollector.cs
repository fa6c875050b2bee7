namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary><c>fathom_store_bytes</c>: each SQLite store in the data directory (<c>logs.db</c> → <c>store="logs"</c>) with
/// its write-ahead log, which is where a store grows between checkpoints.</summary>
internal sealed class StoreSizeCollector(string dataDirectory) : IPrometheusCollector
{
    public void Collect(PrometheusTextWriter writer)
    {
        writer.Family("fathom_store_bytes", "gauge", "Bytes on disk of each store in the data directory (database file and write-ahead log).");
        foreach (var (store, bytes) in Sizes(dataDirectory))
        {
            writer.Sample([("store", store)], bytes);
        }
    }

    internal static IReadOnlyList<(string Store, long Bytes)> Sizes(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(directory, "*.db")
            .Select(path => (Store: Path.GetFileNameWithoutExtension(path), Bytes: SizeOf(path) + SizeOf(path + "-wal")))
            .OrderBy(s => s.Store, StringComparer.Ordinal)];
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (FileNotFoundException)
        {
            // A write-ahead log exists only between a write and the last connection's checkpoint.
            return 0;
        }
    }
}

using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>The database's pages: what is in use (counted against the size limit) and what is free (vacuumable).</summary>
internal readonly record struct LogSpace(long PageSize, long PageCount, long FreePages)
{
    public long BytesInUse => (PageCount - FreePages) * PageSize;

    public static LogSpace Read(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT page_size, page_count, freelist_count FROM pragma_page_size(), pragma_page_count(), pragma_freelist_count()";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new LogSpace(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>The file and its write-ahead log on disk (what a user sees in <c>du</c>).</summary>
    public static long FileBytes(string databasePath) => Length(databasePath) + Length(databasePath + "-wal");

    private static long Length(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}

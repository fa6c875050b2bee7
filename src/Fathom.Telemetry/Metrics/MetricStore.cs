using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Metrics;

/// <summary>
/// Every metric point in <c>metrics.db</c> (SQLite, WAL) in a data directory, at three resolutions (1 s, 1 min, 1 h),
/// each in its own table with its own retention. One writer (the recorder) appends closed seconds and their rollups in
/// one transaction; any number of readers query concurrently on their own connections (<see cref="Query"/>).
/// </summary>
public sealed partial class MetricStore : IDisposable
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string FileName = "metrics.db";

    private readonly string _readConnectionString;
    private readonly MetricWriter _writer;
    private readonly Lock _writeLock = new();
    private bool _disposed;

    private MetricStore(string path, string readConnectionString, MetricWriter writer)
    {
        DatabasePath = path;
        _readConnectionString = readConnectionString;
        _writer = writer;
    }

    /// <summary>The full path of <c>metrics.db</c>.</summary>
    public string DatabasePath { get; }

    /// <summary>Second points written since the store opened.</summary>
    public long PointsWritten
    {
        get
        {
            lock (_writeLock)
            {
                return _writer.PointsWritten;
            }
        }
    }

    /// <summary>Opens (creating or migrating when needed) <c>metrics.db</c> in <paramref name="dataDirectory"/>.</summary>
    public static MetricStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                // synchronous = NORMAL in WAL mode: a commit survives the process being killed (the OS has the
                // WAL), which is the crash the 1-second points must survive; only a power loss may lose the last commits.
                pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 67108864;";
                pragmas.ExecuteNonQuery();
            }

            MetricSchema.Ensure(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        var read = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true, DefaultTimeout = 30 }.ToString();
        return new MetricStore(path, read, new MetricWriter(connection));
    }

    /// <summary>Writes closed seconds and rolls them into their minutes and hours, in one transaction.</summary>
    internal void Write(IReadOnlyList<FlushedPoint> points)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.Write(points);
        }
    }

    /// <summary>Deletes the points of one resolution older than <paramref name="before"/>; returns how many.</summary>
    internal int DeleteBefore(int resolutionSeconds, DateTimeOffset before)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _writer.DeleteBefore(resolutionSeconds, before.ToUnixTimeSeconds());
        }
    }

    /// <summary>Releases the writer and the pooled readers so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
        }

        using var connection = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }
}

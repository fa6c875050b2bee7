using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// Every function's log records in <c>logs.db</c> (SQLite, WAL) in a data directory: appended in batches by one writer
/// (the ingest pipeline), read concurrently by any number of readers, each on its own connection, and trimmed by
/// <see cref="LogRetention"/>. Full-text terms use FTS5 indexes over the message, the JSON fields and the request id,
/// split into append-only shards by sequence range (<see cref="LogStoreOptions.TextShardRows"/>); newest-first pages walk
/// descending <see cref="LogRecord.Sequence"/>, shard by shard, and stop at the page's end.
/// </summary>
public sealed partial class LogStore : IDisposable
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string FileName = "logs.db";

    private readonly string _readConnectionString;
    private readonly LogWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _disposed;

    private LogStore(string path, string readConnectionString, LogWriter writer)
    {
        DatabasePath = path;
        _readConnectionString = readConnectionString;
        _writer = writer;
        // AUTOINCREMENT keeps the high mark even when retention emptied the table.
        SequenceAtOpen = writer.Scalar("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'lines'), 0)");
    }

    /// <summary>The newest sequence ever stored when the store was opened: where a live tail of this run starts.</summary>
    public long SequenceAtOpen { get; }

    /// <summary>The full path of <c>logs.db</c>.</summary>
    public string DatabasePath { get; }

    /// <summary>Records whose <see cref="LogRecord.Fields"/> were not a JSON object: stored with no fields (counted, never thrown).</summary>
    public long InvalidFieldsDropped => _writer.InvalidFields;

    /// <summary>Opens (creating or migrating when needed) <c>logs.db</c> in <paramref name="dataDirectory"/>.</summary>
    public static LogStore Open(string dataDirectory, LogStoreOptions? options = null)
    {
        options ??= new LogStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TextShardRows, 1);
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var writeConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        var connection = new SqliteConnection(writeConnectionString);
        try
        {
            connection.Open();
            Pragmas(connection, """
                PRAGMA busy_timeout = 10000;
                PRAGMA synchronous = NORMAL;
                PRAGMA cache_size = -65536;
                PRAGMA temp_store = MEMORY;
                PRAGMA journal_size_limit = 67108864;
                PRAGMA wal_autocheckpoint = 4096;
                """);
            LogSchema.Ensure(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        LogWriter writer;
        try
        {
            writer = new LogWriter(connection, options);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        var readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        return new LogStore(path, readConnectionString, writer);
    }

    /// <summary>
    /// Stores a batch in one transaction and returns its records as stored: <see cref="LogRecord.Sequence"/> assigned
    /// (strictly increasing, never reused), <see cref="LogRecord.Time"/> in UTC at microsecond precision.
    /// </summary>
    public async ValueTask<IReadOnlyList<LogRecord>> AppendAsync(IReadOnlyList<LogRecord> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _writer.Append(batch);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Releases the writer and the pooled readers so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writeLock.Wait();
        _writer.Dispose();
        using var connection = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(connection);
        _writeLock.Dispose();
    }

    /// <summary>Runs one step of maintenance on the writer, taking turns with ingest batches.</summary>
    internal async ValueTask<T> WriteAsync<T>(Func<LogWriter, T> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return write(_writer);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            connection.Open();
            Pragmas(connection, "PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Pragmas(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Errors;

/// <summary>Issues and their sample events in <c>errors.db</c> (SQLite, WAL) in a data directory. One connection,
/// taken in turns: the tracker's writer is the only steady user, and the API's reads are few.</summary>
public sealed partial class ErrorStore : IDisposable
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string FileName = "errors.db";

    /// <summary>Samples kept per issue besides the first: the latest ones.</summary>
    public const int LatestSamples = 20;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly TimeProvider _time;
    private bool _disposed;

    private ErrorStore(SqliteConnection connection, string path, TimeProvider time)
    {
        _connection = connection;
        DatabasePath = path;
        _time = time;
    }

    public string DatabasePath { get; }

    /// <summary>Opens (creating or migrating when needed) <c>errors.db</c> in <paramref name="dataDirectory"/>.</summary>
    public static ErrorStore Open(string dataDirectory, TimeProvider? time = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
                pragma.ExecuteNonQuery();
            }

            ErrorSchema.Ensure(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new ErrorStore(connection, path, time ?? TimeProvider.System);
    }

    /// <summary>Stores one event in its issue (made when new), applies the state rules, and says what changed (null
    /// when the issue only counted one more).</summary>
    public async Task<(StoredErrorEvent Stored, IssueChange? Change)> AddAsync(ErrorEvent errorEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errorEvent);
        var fingerprint = ErrorFingerprint.Compute(errorEvent);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            var result = ErrorWrites.Add(_connection, errorEvent, fingerprint, LatestSamples);
            transaction.Commit();
            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A later SDK report of a failure the platform already stored: its frames replace the platform's.</summary>
    public async Task ReplaceFramesAsync(long eventRowId, ErrorEvent sdkEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sdkEvent);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var read = _connection.CreateCommand();
            read.CommandText = "SELECT body FROM events WHERE id = $id";
            read.Parameters.AddWithValue("$id", eventRowId);
            if (read.ExecuteScalar() is not string body)
            {
                return;
            }

            var merged = ErrorEventJson.Deserialize(body) with { Frames = sdkEvent.Frames, Sdk = sdkEvent.Sdk, Tags = sdkEvent.Tags };
            using var write = _connection.CreateCommand();
            write.CommandText = "UPDATE events SET body = $body WHERE id = $id";
            write.Parameters.AddWithValue("$id", eventRowId);
            write.Parameters.AddWithValue("$body", ErrorEventJson.Serialize(merged));
            write.ExecuteNonQuery();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Sets an issue's state; null when there is no such issue.</summary>
    public async Task<IssueChange?> SetStateAsync(long issueId, IssueStateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return ErrorWrites.SetState(_connection, issueId, request);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _lock.Wait();
        _connection.Dispose();
        _lock.Dispose();
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // An ignore that has run out is unresolved again, whether or not an event arrived since.
            ErrorWrites.ExpireIgnores(_connection, _time.GetUtcNow());
            return read(_connection);
        }
        finally
        {
            _lock.Release();
        }
    }
}

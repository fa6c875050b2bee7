using Microsoft.Data.Sqlite;

namespace Fathom.Platform.Events;

/// <summary>The platform events in <c>platform.db</c> (SQLite, WAL): appended with a unique dedupe key, read after a
/// cursor. One connection, taken in turns: platform events are few.</summary>
public sealed class PlatformEventStore : IDisposable
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string FileName = "platform.db";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private PlatformEventStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating or migrating when needed) <c>platform.db</c> in <paramref name="dataDirectory"/>.</summary>
    public static PlatformEventStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;");
            using var version = connection.CreateCommand();
            version.CommandText = "PRAGMA user_version;";
            if (Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) < 1)
            {
                Execute(connection, """
                    BEGIN;
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        time INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        app TEXT,
                        environment TEXT,
                        function TEXT,
                        version TEXT,
                        dedupe_key TEXT NOT NULL UNIQUE,
                        payload TEXT NOT NULL);
                    CREATE TABLE cursors (consumer TEXT PRIMARY KEY, after INTEGER NOT NULL);
                    PRAGMA user_version = 1;
                    COMMIT;
                    """);
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new PlatformEventStore(connection);
    }

    /// <summary>Stores an event and returns it with its id; an event whose dedupe key is already stored is not stored
    /// again, and the stored one is returned.</summary>
    public async Task<PlatformEvent> AppendAsync(PlatformEvent platformEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platformEvent);
        if (!PlatformEventKinds.IsKnown(platformEvent.Kind))
        {
            throw new ArgumentException($"'{platformEvent.Kind}' is not a platform event kind.", nameof(platformEvent));
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO events (time, kind, app, environment, function, version, dedupe_key, payload)
                VALUES ($time, $kind, $app, $env, $fn, $v, $key, $payload) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
                """;
            insert.Parameters.AddWithValue("$time", platformEvent.Time.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$kind", platformEvent.Kind);
            insert.Parameters.AddWithValue("$app", (object?)platformEvent.App ?? DBNull.Value);
            insert.Parameters.AddWithValue("$env", (object?)platformEvent.Environment ?? DBNull.Value);
            insert.Parameters.AddWithValue("$fn", (object?)platformEvent.Function ?? DBNull.Value);
            insert.Parameters.AddWithValue("$v", (object?)platformEvent.Version ?? DBNull.Value);
            insert.Parameters.AddWithValue("$key", platformEvent.DedupeKey);
            insert.Parameters.AddWithValue("$payload", platformEvent.Payload);
            if (insert.ExecuteScalar() is long id)
            {
                Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                return platformEvent with { Id = id };
            }

            return Read(" WHERE dedupe_key = $key", [("$key", platformEvent.DedupeKey)]).Single();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Completes when an event is next appended through this store. Take it before reading, so an append
    /// between the read and the wait is not missed.</summary>
    public Task NextAppend => Volatile.Read(ref _appended).Task;

    /// <summary>The position a consumer stored with <see cref="SetCursorAsync"/>; 0 (before every event) for a new one.</summary>
    public async Task<long> GetCursorAsync(string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT after FROM cursors WHERE consumer = $consumer";
            select.Parameters.AddWithValue("$consumer", consumer);
            return select.ExecuteScalar() is long after ? after : 0;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Stores a consumer's position: it has acted on every event up to and including <paramref name="after"/>.
    /// A cursor never moves back, so a late writer cannot make a consumer repeat work.</summary>
    public async Task SetCursorAsync(string consumer, long after, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var upsert = _connection.CreateCommand();
            upsert.CommandText = """
                INSERT INTO cursors (consumer, after) VALUES ($consumer, $after)
                ON CONFLICT (consumer) DO UPDATE SET after = MAX(after, excluded.after)
                """;
            upsert.Parameters.AddWithValue("$consumer", consumer);
            upsert.Parameters.AddWithValue("$after", after);
            upsert.ExecuteNonQuery();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Events after a cursor, oldest first, optionally of one function and kind.</summary>
    public async Task<IReadOnlyList<PlatformEvent>> ReadAfterAsync(long after, string? function = null, string? kind = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Read(
                " WHERE id > $after AND ($fn IS NULL OR function = $fn) AND ($kind IS NULL OR kind = $kind) ORDER BY id LIMIT $limit",
                [("$after", after), ("$fn", (object?)function ?? DBNull.Value), ("$kind", (object?)kind ?? DBNull.Value), ("$limit", limit)]);
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

    private List<PlatformEvent> Read(string where, (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, time, kind, app, environment, function, version, dedupe_key, payload FROM events" + where;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var row = command.ExecuteReader();
        var events = new List<PlatformEvent>();
        while (row.Read())
        {
            events.Add(new PlatformEvent
            {
                Id = row.GetInt64(0),
                Time = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)),
                Kind = row.GetString(2),
                App = row.IsDBNull(3) ? null : row.GetString(3),
                Environment = row.IsDBNull(4) ? null : row.GetString(4),
                Function = row.IsDBNull(5) ? null : row.GetString(5),
                Version = row.IsDBNull(6) ? null : row.GetString(6),
                DedupeKey = row.GetString(7),
                Payload = row.GetString(8),
            });
        }

        return events;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

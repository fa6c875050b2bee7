using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// The store's one writing connection and its prepared statements, reused for every batch. Not thread-safe: the store
/// serializes every call behind its write lock (ingest batches and retention chunks take turns).
/// </summary>
internal sealed class LogWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly PreparedStatement _insertLine;
    private readonly PreparedStatement _insertText;
    private readonly PreparedStatement _begin;
    private readonly PreparedStatement _commit;
    private readonly PreparedStatement _rollback;

    public LogWriter(SqliteConnection connection)
    {
        _connection = connection;
        var db = connection.Handle!;
        _insertLine = new PreparedStatement(db, """
            INSERT INTO lines (time, app, environment, function, version, qualifier, source, request_id, level, stream,
                environment_id, message, fields, invocation_start, duration_us, billed_duration_us, memory_size_mb,
                max_memory_used_mb, init_duration_us, outcome)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
            """);
        _insertText = new PreparedStatement(db, "INSERT INTO lines_fts (rowid, message, fields, request) VALUES (?1, ?2, ?3, ?4)");
        _begin = new PreparedStatement(db, "BEGIN IMMEDIATE");
        _commit = new PreparedStatement(db, "COMMIT");
        _rollback = new PreparedStatement(db, "ROLLBACK");
    }

    /// <summary>Fields that were not a JSON object and were therefore stored as null.</summary>
    public long InvalidFields { get; private set; }

    public LogRecord[] Append(IReadOnlyList<LogRecord> batch)
    {
        var stored = new LogRecord[batch.Count];
        _begin.Run();
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                stored[i] = Insert(batch[i]);
            }

            _commit.Run();
        }
        catch
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
            {
                _rollback.Run();
            }

            throw;
        }

        return stored;
    }

    /// <summary>Runs one statement in its own transaction and returns the rows it changed.</summary>
    public int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    public long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One step of FTS segment merging; true when it merged something (FTS5 reports work through total changes).</summary>
    public bool MergeIndex(int pages)
    {
        var before = SQLitePCL.raw.sqlite3_total_changes(_connection.Handle);
        Execute("INSERT INTO lines_fts (lines_fts, rank) VALUES ('merge', $pages)", ("$pages", pages));
        return SQLitePCL.raw.sqlite3_total_changes(_connection.Handle) - before >= 2;
    }

    public LogSpace Space() => LogSpace.Read(_connection);

    public void Dispose()
    {
        _insertLine.Dispose();
        _insertText.Dispose();
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _connection.Dispose();
    }

    private LogRecord Insert(LogRecord record)
    {
        var time = LogTime.ToMicroseconds(record.Time);
        var fields = record.Fields;
        string? flattened = null;
        if (fields is not null)
        {
            flattened = JsonFieldText.Flatten(fields);
            if (flattened is null)
            {
                fields = null;
                InvalidFields++;
            }
        }

        _insertLine.Bind(1, time);
        _insertLine.Bind(2, record.App);
        _insertLine.Bind(3, record.Environment);
        _insertLine.Bind(4, record.Function);
        _insertLine.Bind(5, record.Version);
        _insertLine.Bind(6, record.Qualifier);
        _insertLine.Bind(7, record.Source);
        _insertLine.Bind(8, record.RequestId);
        _insertLine.Bind(9, (long)record.Level);
        _insertLine.Bind(10, record.Stream);
        _insertLine.Bind(11, record.EnvironmentId);
        _insertLine.Bind(12, record.Message);
        _insertLine.Bind(13, fields);
        var invocation = record.Invocation;
        _insertLine.Bind(14, invocation is null ? null : LogTime.ToMicroseconds(invocation.Start));
        _insertLine.Bind(15, invocation is null ? null : LogTime.ToMicroseconds(invocation.Duration));
        _insertLine.Bind(16, invocation is null ? null : LogTime.ToMicroseconds(invocation.BilledDuration));
        _insertLine.Bind(17, invocation?.MemorySizeMb);
        _insertLine.Bind(18, invocation?.MaxMemoryUsedMb);
        _insertLine.Bind(19, invocation?.InitDuration is { } init ? LogTime.ToMicroseconds(init) : null);
        _insertLine.Bind(20, invocation?.Outcome);
        _insertLine.Run();
        var sequence = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);

        // Invocation records are rendered from their columns: only their request id is indexed, so searches never
        // match their text but a request's lookup finds them.
        _insertText.Bind(1, sequence);
        _insertText.Bind(2, invocation is null ? record.Message : null);
        _insertText.Bind(3, invocation is null ? flattened : null);
        _insertText.Bind(4, FtsText.RequestToken(record.RequestId));
        _insertText.Run();

        return record with { Sequence = sequence, Time = LogTime.FromMicroseconds(time), Fields = fields };
    }
}

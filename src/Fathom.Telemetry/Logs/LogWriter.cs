using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// The store's one writing connection and its prepared statements, reused for every batch. Not thread-safe: the store
/// serializes every call behind its write lock (ingest batches and retention chunks take turns).
/// </summary>
internal sealed class LogWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertLine;
    private readonly SqliteCommand _insertText;
    private readonly SqliteParameter[] _line;
    private readonly SqliteParameter[] _text;

    public LogWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertLine = connection.CreateCommand();
        _insertLine.CommandText = """
            INSERT INTO lines (time, app, environment, function, version, qualifier, source, request_id, level, stream,
                environment_id, message, fields, invocation_start, duration_us, billed_duration_us, memory_size_mb,
                max_memory_used_mb, init_duration_us, outcome)
            VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            """;
        _line = Parameters(_insertLine, 20);
        _insertText = connection.CreateCommand();
        _insertText.CommandText = "INSERT INTO lines_fts (rowid, message, fields) VALUES ($0, $1, $2)";
        _text = Parameters(_insertText, 3);
    }

    /// <summary>Fields that were not a JSON object and were therefore stored as null.</summary>
    public long InvalidFields { get; private set; }

    public LogRecord[] Append(IReadOnlyList<LogRecord> batch)
    {
        var stored = new LogRecord[batch.Count];
        using var transaction = _connection.BeginTransaction();
        _insertLine.Transaction = transaction;
        _insertText.Transaction = transaction;
        for (var i = 0; i < batch.Count; i++)
        {
            stored[i] = Insert(batch[i]);
        }

        transaction.Commit();
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

        Set(_line, 0, time);
        Set(_line, 1, record.App);
        Set(_line, 2, record.Environment);
        Set(_line, 3, record.Function);
        Set(_line, 4, record.Version);
        Set(_line, 5, record.Qualifier);
        Set(_line, 6, record.Source);
        Set(_line, 7, record.RequestId);
        Set(_line, 8, (int)record.Level);
        Set(_line, 9, record.Stream);
        Set(_line, 10, record.EnvironmentId);
        Set(_line, 11, record.Message);
        Set(_line, 12, fields);
        var invocation = record.Invocation;
        Set(_line, 13, invocation is null ? null : LogTime.ToMicroseconds(invocation.Start));
        Set(_line, 14, invocation is null ? null : LogTime.ToMicroseconds(invocation.Duration));
        Set(_line, 15, invocation is null ? null : LogTime.ToMicroseconds(invocation.BilledDuration));
        Set(_line, 16, invocation?.MemorySizeMb);
        Set(_line, 17, invocation?.MaxMemoryUsedMb);
        Set(_line, 18, invocation?.InitDuration is { } init ? LogTime.ToMicroseconds(init) : null);
        Set(_line, 19, invocation?.Outcome);
        _insertLine.ExecuteNonQuery();
        var sequence = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);

        // Invocation records are rendered from their columns; indexing their text would only add noise to searches.
        if (invocation is null)
        {
            Set(_text, 0, sequence);
            Set(_text, 1, record.Message);
            Set(_text, 2, flattened);
            _insertText.ExecuteNonQuery();
        }

        return record with { Sequence = sequence, Time = LogTime.FromMicroseconds(time), Fields = fields };
    }

    private static void Set(SqliteParameter[] parameters, int index, object? value) => parameters[index].Value = value ?? DBNull.Value;

    private static SqliteParameter[] Parameters(SqliteCommand command, int count)
    {
        var parameters = new SqliteParameter[count];
        for (var i = 0; i < count; i++)
        {
            // No declared type: each value binds as what it is (an integer stays an integer).
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(parameters[i]);
        }

        return parameters;
    }
}

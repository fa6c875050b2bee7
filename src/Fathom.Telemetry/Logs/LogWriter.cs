using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// The store's one writing connection and its prepared statements, reused for every batch. Not thread-safe: the store
/// serializes every call behind its write lock (ingest batches and retention chunks take turns).
/// </summary>
internal sealed class LogWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly LogStoreOptions _options;
    private readonly PreparedStatement _insertLine;
    private readonly PreparedStatement _begin;
    private readonly PreparedStatement _commit;
    private readonly PreparedStatement _rollback;
    private PreparedStatement? _insertText;
    private TextShard? _shard;
    private long _shardRows;

    public LogWriter(SqliteConnection connection, LogStoreOptions options)
    {
        _connection = connection;
        _options = options;
        var db = connection.Handle!;
        _insertLine = new PreparedStatement(db, """
            INSERT INTO lines (time, app, environment, function, version, qualifier, source, request_id, level, stream,
                environment_id, message, fields, invocation_start, duration_us, billed_duration_us, memory_size_mb,
                max_memory_used_mb, init_duration_us, outcome)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
            """);
        _begin = new PreparedStatement(db, "BEGIN IMMEDIATE");
        _commit = new PreparedStatement(db, "COMMIT");
        _rollback = new PreparedStatement(db, "ROLLBACK");
        LoadShard();
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

            // A shard this batch created is gone with the rollback: continue from what the file holds.
            LoadShard();
            throw;
        }

        return stored;
    }

    /// <summary>Makes the next append start a new shard, so the current one can be dropped once its rows are gone.</summary>
    public void SealShard() => _shardRows = long.MaxValue / 2;

    /// <summary>Drops, one transaction each, the shards whose rows are all deleted; returns how many.</summary>
    public int DropDeadShards()
    {
        var oldest = Scalar("SELECT coalesce(min(seq), -1) FROM lines");
        var shards = TextShards.Read(_connection);
        var dropped = 0;
        for (var i = 0; i < shards.Count; i++)
        {
            // A shard ends where the next begins; the last one holds the newest rows, dead only when nothing is left.
            var dead = oldest < 0 || (i + 1 < shards.Count && shards[i + 1].FirstSequence <= oldest);
            if (!dead)
            {
                break;
            }

            if (shards[i].Id == _shard?.Id)
            {
                _insertText?.Dispose();
                _insertText = null;
                _shard = null;
            }

            var id = shards[i].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Execute($"BEGIN; DROP TABLE {TextShards.TableName(shards[i].Id)}; DELETE FROM text_shards WHERE id = {id}; COMMIT;");
            dropped++;
        }

        return dropped;
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

    public long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public LogSpace Space() => LogSpace.Read(_connection);

    public List<TextShard> Shards() => TextShards.Read(_connection);

    public void Dispose()
    {
        _insertLine.Dispose();
        _insertText?.Dispose();
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _connection.Dispose();
    }

    /// <summary>The insert into the current shard, starting a new shard (inside the batch's transaction) when the
    /// current one is full, spans too long, or was sealed.</summary>
    private PreparedStatement TextFor(long sequence, long time)
    {
        if (_insertText is not null && _shard is { } shard && _shardRows < _options.TextShardRows
            && time - shard.FirstTime < LogTime.ToMicroseconds(_options.TextShardSpan))
        {
            return _insertText;
        }

        var id = Scalar("SELECT coalesce(max(id), 0) + 1 FROM text_shards");
        Execute(TextShards.CreateSql(id));
        Execute("INSERT INTO text_shards (id, first_seq, first_time) VALUES ($id, $seq, $time)", ("$id", id), ("$seq", sequence), ("$time", time));
        Use(new TextShard(id, sequence, time), 0);
        return _insertText!;
    }

    private void LoadShard()
    {
        _insertText?.Dispose();
        _insertText = null;
        _shard = null;
        if (TextShards.Read(_connection) is [.., var last])
        {
            Use(last, Scalar("SELECT coalesce(max(seq), 0) FROM lines") - last.FirstSequence + 1);
        }
    }

    private void Use(TextShard shard, long rows)
    {
        _insertText?.Dispose();
        _insertText = new PreparedStatement(_connection.Handle!, $"INSERT INTO {TextShards.TableName(shard.Id)} (rowid, message, fields, request) VALUES (?1, ?2, ?3, ?4)");
        _shard = shard;
        _shardRows = rows;
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
        var text = TextFor(sequence, time);
        text.Bind(1, sequence);
        text.Bind(2, invocation is null ? record.Message : null);
        text.Bind(3, invocation is null ? flattened : null);
        text.Bind(4, FtsText.RequestToken(record.RequestId));
        text.Run();
        _shardRows++;

        return record with { Sequence = sequence, Time = LogTime.FromMicroseconds(time), Fields = fields };
    }
}

using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

public sealed partial class LogStore
{
    /// <summary>The most records <see cref="ReadRequestAsync"/> returns for one request.</summary>
    public const int MaxRequestRecords = 10_000;

    /// <summary>One page of records matching <paramref name="query"/>: newest first, or oldest first when
    /// <see cref="LogQuery.After"/> is set.</summary>
    public Task<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = query.EffectiveLimit;
        var records = Read(query, limit + 1, cancellationToken);
        if (records.Count <= limit)
        {
            return Task.FromResult(new LogPage(records, null));
        }

        records.RemoveAt(limit);
        return Task.FromResult(new LogPage(records, records[^1].Sequence));
    }

    /// <summary>
    /// Up to <paramref name="limit"/> records after <paramref name="afterSequence"/> that match <paramref name="filter"/>
    /// (its own cursors ignored), oldest first: a live tail's catch-up after a reconnect with <c>Last-Event-ID</c>.
    /// </summary>
    public Task<IReadOnlyList<LogRecord>> ReadAfterAsync(long afterSequence, LogQuery filter, int limit = LogQuery.DefaultLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter with { After = afterSequence, Before = null, Limit = limit };
        return Task.FromResult<IReadOnlyList<LogRecord>>(Read(query, query.EffectiveLimit, cancellationToken));
    }

    /// <summary>Every record of one request in the order they were stored (at most <see cref="MaxRequestRecords"/>).</summary>
    public Task<IReadOnlyList<LogRecord>> ReadRequestAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (FtsText.Request(requestId) is not { } match)
        {
            var query = new LogQuery { RequestId = requestId, After = 0 };
            return Task.FromResult<IReadOnlyList<LogRecord>>(Read(query, MaxRequestRecords, cancellationToken));
        }

        // One statement over every shard: the request's few rowids come from each shard's index in microseconds, so
        // preparing one query per shard would cost more than the lookups.
        using var connection = OpenReader();
        using var interrupt = Interruptible(connection, cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: true);
        var shards = TextShards.Read(connection, transaction);
        if (shards.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<LogRecord>>([]);
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var union = string.Join(" UNION ALL ", shards.Select(shard => TextShards.TableName(shard.Id)).Select(table => $"SELECT rowid FROM {table} WHERE {table} MATCH $match"));
        command.CommandText = $"SELECT {LogRows.Columns} FROM lines l WHERE l.seq IN ({union}) AND l.request_id = $id ORDER BY l.seq LIMIT $limit";
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$id", requestId);
        command.Parameters.AddWithValue("$limit", MaxRequestRecords);
        try
        {
            return Task.FromResult<IReadOnlyList<LogRecord>>(LogRows.ReadAll(command, 16));
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT)
        {
            throw new OperationCanceledException("The log query was cancelled.", exception, cancellationToken);
        }
    }

    /// <summary>Rows, sizes and the time span the store holds.</summary>
    public Task<LogStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var interrupt = Interruptible(connection, cancellationToken);
        var space = LogSpace.Read(connection);
        var rows = Scalar(connection, "SELECT count(*) FROM lines");
        var oldest = Scalar(connection, "SELECT min(time) FROM lines");
        var newest = Scalar(connection, "SELECT max(time) FROM lines");
        return Task.FromResult(new LogStats(
            rows ?? 0,
            LogSpace.FileBytes(DatabasePath),
            space.BytesInUse,
            oldest is { } o ? LogTime.FromMicroseconds(o) : null,
            newest is { } n ? LogTime.FromMicroseconds(n) : null));
    }

    private List<LogRecord> Read(LogQuery query, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReader();
        using var interrupt = Interruptible(connection, cancellationToken);
        var sql = new LogSql(query);
        try
        {
            if (!sql.HasText)
            {
                using var command = sql.Command(connection, limit, null);
                return LogRows.ReadAll(command, Math.Min(limit, LogQuery.DefaultLimit + 1));
            }

            // One read transaction: every shard is read from the same snapshot, so a shard retention drops meanwhile
            // is still there for this page.
            using var transaction = connection.BeginTransaction(deferred: true);
            var records = new List<LogRecord>(Math.Min(limit, LogQuery.DefaultLimit + 1));
            foreach (var shard in ShardsInOrder(TextShards.Read(connection, transaction), query))
            {
                using var command = sql.Command(connection, limit - records.Count, shard);
                command.Transaction = transaction;
                records.AddRange(LogRows.ReadAll(command, limit - records.Count));
                if (records.Count >= limit)
                {
                    break;
                }
            }

            return records;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT)
        {
            throw new OperationCanceledException("The log query was cancelled.", exception, cancellationToken);
        }
    }

    /// <summary>The shards a page visits, in its order, skipping those wholly outside its cursors.</summary>
    private static IEnumerable<long> ShardsInOrder(List<TextShard> shards, LogQuery query)
    {
        var ranges = shards.Select((shard, i) => (shard.Id, First: shard.FirstSequence, End: i + 1 < shards.Count ? shards[i + 1].FirstSequence : long.MaxValue))
            .Where(range => (query.Before is not { } before || range.First < before) && (query.After is not { } after || range.End > after + 1));
        return (query.Ascending ? ranges : ranges.Reverse()).Select(range => range.Id);
    }

    /// <summary>A cancelled request stops its query where it is instead of finishing a scan nobody will read.</summary>
    private static CancellationTokenRegistration Interruptible(SqliteConnection connection, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)state!).Handle), connection)
            : default;

    private static long? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : null;
    }
}

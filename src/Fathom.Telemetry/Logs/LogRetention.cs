using System.Globalization;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// Trims a <see cref="LogStore"/> to <see cref="LogRetentionOptions"/>: records older than MaxAge, then, while the pages
/// in use exceed MaxBytes, the oldest records a full-text shard at a time (the shard's index goes with its last row);
/// then hands the freed pages back to the file system. Every step is a short transaction on the store's writer, so
/// ingest batches interleave with a run instead of waiting for it. A background service calls
/// <see cref="RunOnceAsync"/> periodically.
/// </summary>
public sealed class LogRetention
{
    private const int MaxSizePasses = 64;
    private const double SizeTarget = 0.9;

    private const string DeleteOlder = "DELETE FROM lines WHERE seq IN (SELECT seq FROM lines WHERE time < $cutoff ORDER BY time LIMIT $n)";
    private const string DeleteBelow = "DELETE FROM lines WHERE seq IN (SELECT seq FROM lines WHERE seq < $end ORDER BY seq LIMIT $n)";

    private readonly LogStore _store;
    private readonly LogRetentionOptions _options;
    private readonly TimeProvider _timeProvider;

    public LogRetention(LogStore store, LogRetentionOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DeleteChunkRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.VacuumChunkPages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxAge, TimeSpan.Zero);
        _store = store;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs retention once and says what it deleted and how the file's size changed.</summary>
    public async Task<LogRetentionResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var before = await WriteAsync(writer => writer.Space(), cancellationToken).ConfigureAwait(false);
        var fileBefore = LogSpace.FileBytes(_store.DatabasePath);
        var now = _timeProvider.GetUtcNow();
        var cutoff = _options.MaxAge < now - DateTimeOffset.UnixEpoch ? LogTime.ToMicroseconds(now - _options.MaxAge) : long.MinValue;
        var byAge = await DeleteChunksAsync(DeleteOlder, ("$cutoff", cutoff), long.MaxValue, cancellationToken).ConfigureAwait(false);
        await WriteAsync(writer => writer.DropDeadShards(), cancellationToken).ConfigureAwait(false);
        var bySize = await DeleteForSizeAsync(cancellationToken).ConfigureAwait(false);
        if (byAge + bySize > 0)
        {
            await VacuumAsync(cancellationToken).ConfigureAwait(false);
        }

        var after = await WriteAsync(writer => writer.Space(), cancellationToken).ConfigureAwait(false);
        return new LogRetentionResult(byAge, bySize, before.BytesInUse, after.BytesInUse, fileBefore, LogSpace.FileBytes(_store.DatabasePath));
    }

    private async Task<long> DeleteForSizeAsync(CancellationToken cancellationToken)
    {
        long deleted = 0;
        var space = await WriteAsync(writer => writer.Space(), cancellationToken).ConfigureAwait(false);
        for (var pass = 0; pass < MaxSizePasses && space.BytesInUse > _options.MaxBytes; pass++)
        {
            var shards = await WriteAsync(writer => writer.Shards(), cancellationToken).ConfigureAwait(false);
            if (shards.Count >= 2)
            {
                // Deleting every row of the oldest shard frees its index too; fewer rows would free their table pages only.
                deleted += await DeleteChunksAsync(DeleteBelow, ("$end", shards[1].FirstSequence), long.MaxValue, cancellationToken).ConfigureAwait(false);
                await WriteAsync(writer => writer.DropDeadShards(), cancellationToken).ConfigureAwait(false);
                space = await WriteAsync(writer => writer.Space(), cancellationToken).ConfigureAwait(false);
                continue;
            }

            // One shard holds everything: delete the estimated share of the oldest rows (their table pages come back
            // now) and seal the shard, so a later run can drop its index once its rows are gone. Deleting more now would
            // free no index pages, only lose logs.
            var rows = await WriteAsync(writer => writer.Scalar("SELECT count(*) FROM lines"), cancellationToken).ConfigureAwait(false);
            if (rows > 0)
            {
                var excess = space.BytesInUse - (long)(_options.MaxBytes * SizeTarget);
                var share = Math.Clamp((long)Math.Ceiling(rows * (double)excess / space.BytesInUse), 1, rows);
                deleted += await DeleteChunksAsync(DeleteBelow, ("$end", long.MaxValue), share, cancellationToken).ConfigureAwait(false);
                await WriteAsync(writer => { writer.SealShard(); return writer.DropDeadShards(); }, cancellationToken).ConfigureAwait(false);
            }

            break;
        }

        return deleted;
    }

    private async Task<long> DeleteChunksAsync(string sql, (string Name, object Value) bound, long atMost, CancellationToken cancellationToken)
    {
        long deleted = 0;
        while (deleted < atMost)
        {
            var chunk = (int)Math.Min(_options.DeleteChunkRows, atMost - deleted);
            var count = await WriteAsync(writer => writer.Execute(sql, bound, ("$n", chunk)), cancellationToken).ConfigureAwait(false);
            deleted += count;
            if (count < chunk)
            {
                break;
            }
        }

        return deleted;
    }

    private async Task VacuumAsync(CancellationToken cancellationToken)
    {
        var pages = _options.VacuumChunkPages.ToString(CultureInfo.InvariantCulture);
        var space = await WriteAsync(writer => writer.Space(), cancellationToken).ConfigureAwait(false);
        while (space.FreePages > 0)
        {
            var free = space.FreePages;
            await WriteAsync(writer => writer.Execute($"PRAGMA incremental_vacuum({pages})"), cancellationToken).ConfigureAwait(false);
            space = await WriteAsync(writer => writer.Space(), cancellationToken).ConfigureAwait(false);
            if (space.FreePages >= free)
            {
                break;
            }
        }

        // The file shrinks when the checkpoint copies the vacuumed pages back; PASSIVE never waits for readers, and the
        // write-ahead log is truncated only when nobody is reading (no wait either), else at a later checkpoint.
        await WriteAsync(writer => writer.Execute("PRAGMA wal_checkpoint(PASSIVE)"), cancellationToken).ConfigureAwait(false);
        await WriteAsync(writer => writer.Execute("PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA busy_timeout = 10000;"), cancellationToken)
            .ConfigureAwait(false);
    }

    private Task<T> WriteAsync<T>(Func<LogWriter, T> write, CancellationToken cancellationToken) =>
        _store.WriteAsync(write, cancellationToken).AsTask();
}

using System.Globalization;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// Trims a <see cref="LogStore"/> to <see cref="LogRetentionOptions"/>: records older than MaxAge, then the oldest
/// records while the pages in use exceed MaxBytes; then hands the freed pages back to the file system. Every step is a
/// short transaction on the store's writer, so ingest batches interleave with a run instead of waiting for it.
/// A background service calls <see cref="RunOnceAsync"/> periodically.
/// </summary>
public sealed class LogRetention
{
    // Each size pass deletes the share of rows that should free the excess, then measures again: the FTS index gives
    // its pages back only as its segments merge, so one estimate can fall short. The pass limit bounds a run.
    private const int MaxSizePasses = 4;
    private const double SizeTarget = 0.9;
    private const int MergeSteps = 8;
    private const int MergePages = 512;

    private const string DeleteOlder = "DELETE FROM lines WHERE seq IN (SELECT seq FROM lines WHERE time < $cutoff ORDER BY time LIMIT $n)";
    private const string DeleteOldest = "DELETE FROM lines WHERE seq IN (SELECT seq FROM lines ORDER BY seq LIMIT $n)";

    private readonly LogStore _store;
    private readonly LogRetentionOptions _options;
    private readonly TimeProvider _timeProvider;

    public LogRetention(LogStore store, LogRetentionOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DeleteChunkRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.VacuumChunkPages, 1);
        _store = store;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs retention once and says what it deleted and how the file's size changed.</summary>
    public async Task<LogRetentionResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var before = await SpaceAsync(cancellationToken).ConfigureAwait(false);
        var fileBefore = LogSpace.FileBytes(_store.DatabasePath);
        var cutoff = LogTime.ToMicroseconds(_timeProvider.GetUtcNow() - _options.MaxAge);
        var byAge = await DeleteChunksAsync(DeleteOlder, long.MaxValue, cutoff, cancellationToken).ConfigureAwait(false);
        var bySize = await DeleteForSizeAsync(cancellationToken).ConfigureAwait(false);
        if (byAge + bySize > 0)
        {
            await VacuumAsync(cancellationToken).ConfigureAwait(false);
        }

        var after = await SpaceAsync(cancellationToken).ConfigureAwait(false);
        return new LogRetentionResult(byAge, bySize, before.BytesInUse, after.BytesInUse, fileBefore, LogSpace.FileBytes(_store.DatabasePath));
    }

    private async Task<long> DeleteForSizeAsync(CancellationToken cancellationToken)
    {
        long deleted = 0;
        var space = await SpaceAsync(cancellationToken).ConfigureAwait(false);
        for (var pass = 0; pass < MaxSizePasses && space.BytesInUse > _options.MaxBytes; pass++)
        {
            var rows = await _store.WriteAsync(writer => writer.Scalar("SELECT count(*) FROM lines"), cancellationToken).ConfigureAwait(false);
            if (rows == 0)
            {
                break;
            }

            var excess = space.BytesInUse - (long)(_options.MaxBytes * SizeTarget);
            var share = Math.Clamp((long)Math.Ceiling(rows * (double)excess / space.BytesInUse), 1, rows);
            deleted += await DeleteChunksAsync(DeleteOldest, share, null, cancellationToken).ConfigureAwait(false);
            await MergeIndexAsync(cancellationToken).ConfigureAwait(false);
            space = await SpaceAsync(cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    private async Task<long> DeleteChunksAsync(string sql, long atMost, long? cutoff, CancellationToken cancellationToken)
    {
        long deleted = 0;
        while (deleted < atMost)
        {
            var chunk = (int)Math.Min(_options.DeleteChunkRows, atMost - deleted);
            var count = await _store.WriteAsync(
                writer => cutoff is { } c ? writer.Execute(sql, ("$cutoff", c), ("$n", chunk)) : writer.Execute(sql, ("$n", chunk)),
                cancellationToken).ConfigureAwait(false);
            deleted += count;
            if (count < chunk)
            {
                break;
            }
        }

        return deleted;
    }

    /// <summary>Deleted rows leave tombstones in the FTS index; merging its segments drops them and frees their pages.</summary>
    private async Task MergeIndexAsync(CancellationToken cancellationToken)
    {
        for (var step = 0; step < MergeSteps; step++)
        {
            var merged = await _store.WriteAsync(writer => writer.MergeIndex(MergePages), cancellationToken).ConfigureAwait(false);
            if (!merged)
            {
                break;
            }
        }
    }

    private async Task VacuumAsync(CancellationToken cancellationToken)
    {
        var pages = _options.VacuumChunkPages.ToString(CultureInfo.InvariantCulture);
        var space = await SpaceAsync(cancellationToken).ConfigureAwait(false);
        while (space.FreePages > 0)
        {
            var free = space.FreePages;
            await _store.WriteAsync(writer => writer.Execute($"PRAGMA incremental_vacuum({pages})"), cancellationToken).ConfigureAwait(false);
            space = await SpaceAsync(cancellationToken).ConfigureAwait(false);
            if (space.FreePages >= free)
            {
                break;
            }
        }

        // The file shrinks when the checkpoint copies the vacuumed pages back; PASSIVE never waits for readers, and the
        // write-ahead log is truncated only when nobody is reading (no wait either), else at a later checkpoint.
        await _store.WriteAsync(writer => writer.Execute("PRAGMA wal_checkpoint(PASSIVE)"), cancellationToken).ConfigureAwait(false);
        await _store.WriteAsync(writer => writer.Execute("PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA busy_timeout = 10000;"), cancellationToken)
            .ConfigureAwait(false);
    }

    private Task<LogSpace> SpaceAsync(CancellationToken cancellationToken) =>
        _store.WriteAsync(writer => writer.Space(), cancellationToken).AsTask();
}

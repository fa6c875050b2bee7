using System.Threading.Channels;
using Fathom.Telemetry.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Telemetry.Logs;

/// <summary>The log store's single writer: takes records from a bounded queue (never waiting: a full queue drops and
/// counts), writes them in batches of up to <see cref="MaxBatch"/> in one transaction each, and tells live tails.</summary>
public sealed partial class LogBatchWriter : BackgroundService, ILogSink
{
    /// <summary>Records written per transaction at most.</summary>
    public const int MaxBatch = 2_000;

    private readonly Channel<LogRecord> _queue;
    private readonly LogStore _store;
    private readonly LogCommits _commits;
    private readonly TelemetryDrops _drops;
    private readonly ILogger<LogBatchWriter> _logger;
    private long _written;

    public LogBatchWriter(LogStore store, LogCommits commits, TelemetryDrops drops, TelemetryOptions options, ILogger<LogBatchWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _commits = commits;
        _drops = drops;
        _logger = logger;
        _queue = Channel.CreateBounded<LogRecord>(new BoundedChannelOptions(options.StoreQueueLength)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Records written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records waiting to be written.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Queues a record for the store; false (and counted) when the queue is full.</summary>
    public bool TryWrite(LogRecord record)
    {
        if (_queue.Writer.TryWrite(record))
        {
            return true;
        }

        _drops.Add(record.Function, TelemetryDrops.StoreQueueFull);
        return false;
    }

    void ILogSink.Offer(LogRecord record) => TryWrite(record);

    /// <summary>Stops taking records; what is queued is still written before the writer ends.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Complete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LogRecord>(MaxBatch);
        var reader = _queue.Reader;
        // Not stoppingToken: at shutdown the queue is completed and drained, so acknowledged lines are not lost.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            try
            {
                var stored = await _store.AppendAsync(batch, CancellationToken.None);
                Interlocked.Add(ref _written, stored.Count);
                _commits.Committed(stored[^1].Sequence);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                foreach (var group in batch.GroupBy(r => r.Function, StringComparer.Ordinal))
                {
                    _drops.Add(group.Key, TelemetryDrops.StoreFailed, group.Count());
                }

                LogWriteFailed(_logger, e, batch.Count);
            }

            batch.Clear();
        }
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "Could not store {Count} log records; they are counted as dropped")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}

using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Telemetry.Errors;

/// <summary>The error tracker: both sources offer events here; a bounded queue (full: drop and count, never block the
/// ingest path or an SDK request) feeds one writer that groups them into issues in the <see cref="ErrorStore"/> and
/// tells <see cref="IIssueChangeSink"/>s what changed. When an SDK and the platform report the same failure (same
/// request id and type), it is stored once, with the SDK's frames.</summary>
public sealed partial class ErrorTracker : BackgroundService, IErrorSink
{
    private readonly Channel<ErrorEvent> _queue;
    private readonly ErrorStore _store;
    private readonly IIssueChangeSink[] _changes;
    private readonly ILogger _logger;
    private readonly ErrorDedup _dedup = new(10_000);
    private long _dropped;
    private long _stored;

    public ErrorTracker(ErrorStore store, IEnumerable<IIssueChangeSink> changes, TelemetryOptions options, ILogger<ErrorTracker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _changes = [.. changes];
        _logger = logger ?? NullLogger<ErrorTracker>.Instance;
        _queue = Channel.CreateBounded<ErrorEvent>(new BoundedChannelOptions(options.ErrorQueueLength)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events written (a duplicate report of one failure counts once).</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Events waiting for the writer.</summary>
    public int Pending => _queue.Reader.Count;

    public bool Offer(ErrorEvent errorEvent)
    {
        ArgumentNullException.ThrowIfNull(errorEvent);
        if (_queue.Writer.TryWrite(errorEvent))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var errorEvent))
                {
                    await WriteAsync(errorEvent);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutdown: what was queued is still stored.
        while (reader.TryRead(out var errorEvent))
        {
            await WriteAsync(errorEvent);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A host stopped before the writer was scheduled never ran it: what was queued is still stored.
        if (ExecuteTask is null || ExecuteTask.IsCompleted)
        {
            while (_queue.Reader.TryRead(out var errorEvent))
            {
                await WriteAsync(errorEvent);
            }
        }
    }

    private async Task WriteAsync(ErrorEvent errorEvent)
    {
        try
        {
            var earlier = _dedup.Find(errorEvent);
            if (earlier is { } seen)
            {
                // The platform's report came first: the SDK's frames (source-mapped, with context) replace its own.
                if (errorEvent.Origin == ErrorOrigins.Sdk && seen.Origin == ErrorOrigins.Platform)
                {
                    await _store.ReplaceFramesAsync(seen.RowId, errorEvent);
                    _dedup.Remember(errorEvent, seen.RowId);
                }

                return;
            }

            var (stored, change) = await _store.AddAsync(errorEvent);
            _dedup.Remember(errorEvent, stored.Id);
            Interlocked.Increment(ref _stored);
            if (change is not null)
            {
                await PublishAsync(change, errorEvent);
            }
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
        {
            Interlocked.Increment(ref _dropped);
            LogWriteFailed(_logger, errorEvent.Function, e);
        }
    }

    /// <summary>Publishes a change made outside the writer (a state set through the API).</summary>
    internal async Task PublishAsync(IssueChange change, ErrorEvent? context)
    {
        foreach (var sink in _changes)
        {
            try
            {
                await sink.PublishAsync(change, context, CancellationToken.None);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
            {
                LogPublishFailed(_logger, change.Kind, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store an error event of {Function}")]
    private static partial void LogWriteFailed(ILogger logger, string function, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Kind}")]
    private static partial void LogPublishFailed(ILogger logger, string kind, Exception exception);
}

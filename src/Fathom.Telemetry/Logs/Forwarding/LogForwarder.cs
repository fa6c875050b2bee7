using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>
/// A bounded queue and one background sender in front of an <see cref="ILogDestination"/>: batches of at most
/// <see cref="LogForwarderOptions.MaxBatchSize"/> records or <see cref="LogForwarderOptions.MaxBatchDelay"/>, the same batch
/// retried with back-off until it is delivered, rejected, or the stop deadline passes. Batches go out one at a time and
/// in order, so a destination sees records in the order they were queued (repeats aside: delivery is at-least-once).
/// </summary>
internal sealed partial class LogForwarder : ILogForwarder
{
    private readonly ILogDestination _destination;
    private readonly LogForwarderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<LogRecord> _queue;
    private readonly CancellationTokenSource _stopRequested = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _sender;
    private long _accepted;
    private long _delivered;
    private long _droppedQueueFull;
    private long _droppedRejected;
    private long _droppedShutdown;
    private volatile string? _lastError;
    private long _queued;
    private TaskCompletionSource? _batchFull;
    private int _stopped;

    public LogForwarder(ILogDestination destination, LogForwarderOptions options, TimeProvider time, ILogger logger)
    {
        _destination = destination;
        _options = options;
        _time = time;
        _logger = logger;
        // Wait mode makes TryWrite fail when full instead of evicting: the oldest records are no less worth keeping.
        _queue = Channel.CreateBounded<LogRecord>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sender = Task.Run(RunAsync);
    }

    public string Destination => _destination.Description;

    public bool TryEnqueue(LogRecord record)
    {
        Interlocked.Increment(ref _accepted);
        if (_queue.Writer.TryWrite(record))
        {
            if (Interlocked.Increment(ref _queued) >= _options.MaxBatchSize)
            {
                Volatile.Read(ref _batchFull)?.TrySetResult();
            }

            return true;
        }

        if (Volatile.Read(ref _stopped) == 0)
        {
            Interlocked.Increment(ref _droppedQueueFull);
        }
        else
        {
            Interlocked.Increment(ref _droppedShutdown);
        }

        return false;
    }

    public LogForwarderStats GetStats()
    {
        // Outcomes are read before Accepted: every record they count was accepted earlier, so Pending is never negative.
        var delivered = Interlocked.Read(ref _delivered);
        var queueFull = Interlocked.Read(ref _droppedQueueFull);
        var rejected = Interlocked.Read(ref _droppedRejected);
        var shutdown = Interlocked.Read(ref _droppedShutdown);
        var accepted = Interlocked.Read(ref _accepted);
        return new LogForwarderStats
        {
            Destination = Destination,
            Accepted = accepted,
            Delivered = delivered,
            DroppedByReason = new Dictionary<string, long>
            {
                [LogDropReason.QueueFull] = queueFull,
                [LogDropReason.Rejected] = rejected,
                [LogDropReason.Shutdown] = shutdown,
            },
            Pending = accepted - delivered - queueFull - rejected - shutdown,
            LastError = _lastError,
        };
    }

    public async Task StopAsync(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _queue.Writer.TryComplete();
            await _stopRequested.CancelAsync().ConfigureAwait(false);
            if (grace <= TimeSpan.Zero)
            {
                await _abort.CancelAsync().ConfigureAwait(false);
            }
            else
            {
                // The deadline runs on the forwarder's TimeProvider, like every other wait here.
                var deadline = _time.CreateTimer(_ => _abort.Cancel(), null, grace, Timeout.InfiniteTimeSpan);
                await _sender.ConfigureAwait(false);
                await deadline.DisposeAsync().ConfigureAwait(false);
            }
        }

        await _sender.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_options.StopGrace).ConfigureAwait(false);
        await _destination.DisposeAsync().ConfigureAwait(false);
        _stopRequested.Dispose();
        _abort.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<LogRecord>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token).ConfigureAwait(false))
            {
                await FillBatchAsync(batch, reader).ConfigureAwait(false);
                await DeliverAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // The stop deadline passed: what is left is counted below.
        }

        var left = batch.Count;
        while (reader.TryRead(out _))
        {
            left++;
        }

        if (left > 0)
        {
            Interlocked.Add(ref _droppedShutdown, left);
            LogDroppedAtStop(_logger, Destination, left);
        }
    }

    /// <summary>Fills <paramref name="batch"/> until it holds <see cref="LogForwarderOptions.MaxBatchSize"/> records or
    /// <see cref="LogForwarderOptions.MaxBatchDelay"/> has passed. It sleeps through the delay rather than waking for each
    /// record: <see cref="TryEnqueue"/> wakes it only once a whole batch is queued, so a busy ingest pays for one wake-up
    /// per batch, not per record.</summary>
    private async Task FillBatchAsync(List<LogRecord> batch, ChannelReader<LogRecord> reader)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var record))
            {
                Interlocked.Decrement(ref _queued);
                batch.Add(record);
            }

            var remaining = _options.MaxBatchDelay - _time.GetElapsedTime(started);
            if (batch.Count >= _options.MaxBatchSize || remaining <= TimeSpan.Zero || _stopRequested.IsCancellationRequested)
            {
                return;
            }

            var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Exchange is a full fence: the count below is read after the signal is published, as TryEnqueue reads the
            // signal after counting, so one of the two always sees the other.
            Interlocked.Exchange(ref _batchFull, full);
            if (Interlocked.Read(ref _queued) >= _options.MaxBatchSize - batch.Count)
            {
                // Filled between the drain and publishing the signal: nothing would wake us.
                continue;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stopRequested.Token, _abort.Token);
            var delay = Task.Delay(remaining, _time, wait.Token);
            await Task.WhenAny(full.Task, delay).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(List<LogRecord> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await SendOnceAsync(batch).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case DeliveryOutcome.Delivered:
                    Interlocked.Add(ref _delivered, batch.Count);
                    if (_lastError is not null)
                    {
                        LogRecovered(_logger, Destination);
                        _lastError = null;
                    }

                    return;
                case DeliveryOutcome.Rejected:
                    Interlocked.Add(ref _droppedRejected, batch.Count);
                    _lastError = result.Error;
                    LogRejected(_logger, Destination, batch.Count, result.Error);
                    return;
            }

            // A Retry-After is honoured as a minimum, so a server answering "0" cannot make the forwarder spin.
            var delay = Backoff.Delay(attempt, _options.InitialBackoff, _options.MaxBackoff, Random.Shared.NextDouble());
            if (result.RetryAfter is { } retryAfter && retryAfter > delay)
            {
                delay = retryAfter < RetryAfterLimit ? retryAfter : RetryAfterLimit;
            }

            if (_lastError is null)
            {
                LogFailing(_logger, Destination, result.Error, delay);
            }

            _lastError = result.Error;
            attempt = await WaitToRetryAsync(delay, attempt).ConfigureAwait(false);
        }
    }

    /// <summary>Waits out a back-off. A stop request ends the wait early once, so the grace period is spent trying
    /// rather than sleeping; the deadline (<see cref="_abort"/>) ends it for good.</summary>
    private async Task<int> WaitToRetryAsync(TimeSpan delay, int attempt)
    {
        var interruptible = !_stopRequested.IsCancellationRequested;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, interruptible ? _stopRequested.Token : CancellationToken.None);
        try
        {
            await Task.Delay(delay, _time, wait.Token).ConfigureAwait(false);
            return attempt;
        }
        catch (OperationCanceledException) when (!_abort.IsCancellationRequested)
        {
            return -1;
        }
    }

    private async Task<DeliveryResult> SendOnceAsync(List<LogRecord> batch)
    {
        using var timeout = new CancellationTokenSource(_options.SendTimeout, _time);
        using var send = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _abort.Token);
        try
        {
            return await _destination.SendAsync(batch, send.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_abort.IsCancellationRequested)
        {
            return DeliveryResult.Retry($"no answer within {_options.SendTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A destination reports failures as results; an exception here is a bug, but must not stop forwarding.
            return DeliveryResult.Retry($"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>A Retry-After beyond this is treated as this: a destination asking for an hour is better retried sooner
    /// than having its queue fill and drop.</summary>
    private static readonly TimeSpan RetryAfterLimit = TimeSpan.FromMinutes(5);
}

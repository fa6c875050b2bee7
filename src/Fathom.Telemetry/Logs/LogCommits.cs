namespace Fathom.Telemetry.Logs;

/// <summary>Wakes live tails when records are committed to the store. A tail then reads what is new from the store
/// itself, with its own filter, from its own cursor: it never misses a record, whatever its speed.</summary>
public sealed class LogCommits(long latest = 0)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _latest = latest;

    /// <summary>The sequence of the newest committed record, 0 before any.</summary>
    public long Latest => Interlocked.Read(ref _latest);

    /// <summary>Completes when a record newer than <paramref name="sequence"/> has been committed.</summary>
    public Task WaitForNewerAsync(long sequence, CancellationToken cancellationToken)
    {
        Task next;
        lock (_lock)
        {
            if (_latest > sequence)
            {
                return Task.CompletedTask;
            }

            next = _next.Task;
        }

        return next.WaitAsync(cancellationToken);
    }

    internal void Committed(long sequence)
    {
        TaskCompletionSource woken;
        lock (_lock)
        {
            _latest = Math.Max(_latest, sequence);
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }
}

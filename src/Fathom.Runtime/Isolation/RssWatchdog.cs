namespace Fathom.Runtime.Isolation;

/// <summary>
/// The memory fallback where no cgroup is writable: polls the resident memory of an environment's process tree
/// and SIGKILLs the whole tree once it passes the limit. Coarser than a cgroup (a fast allocation can overshoot by
/// what it allocates in one interval, and it counts shared pages once per process), but never an address-space
/// limit, which breaks V8 and .NET.
/// </summary>
internal sealed class RssWatchdog : IDisposable
{
    private readonly int _rootPid;
    private readonly long _limitBytes;
    private readonly ITimer _timer;
    private bool _outOfMemory;
    private readonly TaskCompletionSource<long> _killed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private long _peakBytes;

    private RssWatchdog(int rootPid, long limitBytes, TimeSpan interval, TimeProvider timeProvider)
    {
        _rootPid = rootPid;
        _limitBytes = limitBytes;
        _timer = timeProvider.CreateTimer(_ => Check(), null, TimeSpan.Zero, interval);
    }

    /// Highest resident memory seen, in bytes.
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    /// Whether the tree was killed for using too much memory.
    public bool OutOfMemory => Volatile.Read(ref _outOfMemory);

    /// Completes with the resident bytes seen when the tree was killed.
    public Task<long> Killed => _killed.Task;

    /// Starts watching <paramref name="rootPid"/> and its descendants.
    public static RssWatchdog Start(int rootPid, long limitBytes, TimeProvider timeProvider, TimeSpan? interval = null) =>
        new(rootPid, limitBytes, interval ?? TimeSpan.FromMilliseconds(50), timeProvider);

    /// <summary>Starts the peak over, for a per-invocation reading. It starts from a reading taken now: left at zero, an
    /// invocation shorter than the polling interval would report 0 MB.</summary>
    public void ResetPeak()
    {
        Interlocked.Exchange(ref _peakBytes, 0);
        Check();
    }

    /// Stops watching.
    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        lock (_lock)
        {
            if (_killed.Task.IsCompleted)
            {
                return;
            }

            var pids = ProcessTree.Collect(_rootPid);
            var rss = ProcessTree.ResidentBytes(pids);
            if (rss > Interlocked.Read(ref _peakBytes))
            {
                Interlocked.Exchange(ref _peakBytes, rss);
            }

            if (rss <= _limitBytes)
            {
                return;
            }

            // Said before the kill: the environment classifies the exit as soon as it sees it, which can be before
            // this thread gets past the loop below.
            Volatile.Write(ref _outOfMemory, true);

            // Root first so it cannot fork replacements, then everything below it.
            foreach (var pid in pids)
            {
                Libc.kill(pid, Libc.SigKill);
            }

            _killed.TrySetResult(rss);
        }
    }
}

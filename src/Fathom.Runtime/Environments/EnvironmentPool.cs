using Fathom.Runtime.Functions;
using Fathom.Runtime.Invocations;
using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.Environments;

/// <summary>The environments of one function version: warm reuse, the environment cap with its short queue, the
/// throttle limit, idle stop (scale to zero) and draining on unload.</summary>
internal sealed partial class EnvironmentPool : IAsyncDisposable
{
    private readonly RuntimeContext _context;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Stack<ExecutionEnvironment> _idle = new();
    private readonly Dictionary<ExecutionEnvironment, ITimer> _idleTimers = [];
    private readonly LinkedList<TaskCompletionSource<EnvironmentLease>> _waiters = new();
    private readonly HashSet<ExecutionEnvironment> _all = [];
    private readonly HashSet<Task> _running = [];
    private int _environments;
    private int _inFlight;
    private bool _draining;
    private ThrottleSetting _throttle;

    public EnvironmentPool(FunctionModel function, RuntimeContext context)
    {
        Function = function;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<EnvironmentPool>();
        _throttle = new ThrottleSetting(function.ThrottleLimit, function.Definition.ReservedConcurrency is not null);
    }

    public FunctionModel Function { get; }

    /// <summary>Changes the throttle limit of a loaded version (reserved concurrency set through the Lambda API); calls
    /// already running are never cut short, new ones are counted against the new limit.</summary>
    public void SetThrottleLimit(int limit, bool reserved) => Volatile.Write(ref _throttle, new ThrottleSetting(limit, reserved));

    /// <summary>Environments alive now (busy or idle).</summary>
    public int EnvironmentCount
    {
        get
        {
            lock (_lock)
            {
                return _environments;
            }
        }
    }

    public async ValueTask<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var start = _context.TimeProvider.GetUtcNow();
        var requestId = request.RequestId ?? Guid.NewGuid().ToString();
        var throttle = Volatile.Read(ref _throttle);
        if (Interlocked.Increment(ref _inFlight) > throttle.Limit)
        {
            Interlocked.Decrement(ref _inFlight);
            var reason = throttle.Reserved
                ? "ReservedFunctionConcurrentInvocationLimitExceeded"
                : "ConcurrentInvocationLimitExceeded";
            return Throttled(request, requestId, start, reason, "Rate Exceeded.");
        }

        EnvironmentLease lease;
        try
        {
            var acquired = await AcquireAsync(request.Deadline, cancellationToken);
            if (acquired is null)
            {
                Interlocked.Decrement(ref _inFlight);
                return Throttled(request, requestId, start, "EnvironmentLimitExceeded",
                    $"All {_context.Options.MaxEnvironmentsPerFunction} execution environments of {Function.Name} stayed busy "
                    + "and the wait queue was full or the call's deadline passed.");
            }

            lease = acquired.Value;
        }
        catch
        {
            Interlocked.Decrement(ref _inFlight);
            throw;
        }

        // The run goes on when the caller stops waiting: cancelling never kills an environment.
        var run = RunAsync(lease, request, requestId, start);
        lock (_lock)
        {
            _running.Add(run);
        }

        _ = run.ContinueWith(t =>
        {
            lock (_lock)
            {
                _running.Remove(t);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await run.WaitAsync(cancellationToken);
    }

    /// <summary>Stops routing: idle environments stop now, busy ones when their invocation ends.</summary>
    public async Task DrainAsync()
    {
        List<ExecutionEnvironment> idle;
        lock (_lock)
        {
            _draining = true;
            idle = [.. _idle];
            _idle.Clear();
            _environments -= idle.Count;
            foreach (var environment in idle)
            {
                RemoveIdleTimer(environment);
            }
        }

        await Task.WhenAll(idle.Select(RetireAsync));
    }

    /// <summary>Drains, then waits for running and queued invocations to finish and every environment to stop.</summary>
    public async Task DrainUntilIdleAsync()
    {
        await DrainAsync();
        while (true)
        {
            Task[] pending;
            lock (_lock)
            {
                // Running invocations, or else queued calls about to get the environment a finished one freed.
                pending = _running.Count > 0 ? [.. _running] : [.. _waiters.Select(w => (Task)w.Task)];
                if (pending.Length == 0)
                {
                    break;
                }
            }

            await Task.WhenAny(pending).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        ExecutionEnvironment[] all;
        lock (_lock)
        {
            all = [.. _all];
        }

        await Task.WhenAll(all.Select(e => e.DisposeAsync().AsTask()));
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync();
        Task[] running;
        ExecutionEnvironment[] all;
        List<TaskCompletionSource<EnvironmentLease>> waiters;
        lock (_lock)
        {
            running = [.. _running];
            all = [.. _all];
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetCanceled();
        }

        // Shutdown does not wait for long invocations: their environments are stopped and the calls end as crashes.
        await Task.WhenAll(all.Select(e => e.DisposeAsync().AsTask()));
        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async ValueTask<EnvironmentLease?> AcquireAsync(DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        TaskCompletionSource<EnvironmentLease> waiter;
        LinkedListNode<TaskCompletionSource<EnvironmentLease>> node;
        lock (_lock)
        {
            while (_idle.TryPop(out var warm))
            {
                RemoveIdleTimer(warm);
                if (!warm.HasExited)
                {
                    return new EnvironmentLease(warm);
                }

                // It died while idle (a crash after its last response, or killed from outside).
                _environments--;
                _ = RetireAsync(warm);
            }

            if (_environments < _context.Options.MaxEnvironmentsPerFunction)
            {
                _environments++;
                return new EnvironmentLease(null);
            }

            if (_waiters.Count >= _context.Options.MaxQueueLength)
            {
                return null;
            }

            waiter = new TaskCompletionSource<EnvironmentLease>();
            node = _waiters.AddLast(waiter);
        }

        var wait = deadline is { } d ? d - _context.TimeProvider.GetUtcNow() : _context.Options.MaxQueueWait;
        using var timeout = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _context.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await waiter.Task.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                }
            }

            // A lease handed over just as the wait ended must not be lost.
            if (waiter.Task.IsCompletedSuccessfully)
            {
                Release(waiter.Task.Result.Warm);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
    }

    /// <summary>Returns a healthy environment (or a free slot, when null) to the next waiter or the idle stack.</summary>
    private void Release(ExecutionEnvironment? environment)
    {
        while (true)
        {
            TaskCompletionSource<EnvironmentLease> waiter;
            lock (_lock)
            {
                if (environment is not null && (environment.HasExited || _draining) && _waiters.Count == 0)
                {
                    _environments--;
                    _ = RetireAsync(environment);
                    return;
                }

                if (environment is not null && environment.HasExited)
                {
                    _ = RetireAsync(environment);
                    environment = null;
                }

                if (_waiters.First is not { } first)
                {
                    if (environment is null)
                    {
                        _environments--;
                        return;
                    }

                    _idle.Push(environment);
                    if (!_provisioned.Contains(environment))
                    {
                        _idleTimers[environment] = _context.TimeProvider.CreateTimer(
                            _ => OnIdle(environment), null, _context.Options.IdleTimeout, Timeout.InfiniteTimeSpan);
                    }

                    return;
                }

                _waiters.RemoveFirst();
                waiter = first.Value;
            }

            // Outside the lock: the waiter's invocation may start right here, on this thread.
            if (waiter.TrySetResult(new EnvironmentLease(environment)))
            {
                return;
            }
        }
    }

    /// <summary>A broken environment leaves the pool; its slot goes to the next waiter (who starts a new one).</summary>
    private void Discard(ExecutionEnvironment environment)
    {
        _ = RetireAsync(environment);
        Release(null);
    }

    private void OnIdle(ExecutionEnvironment environment)
    {
        lock (_lock)
        {
            if (!_idleTimers.ContainsKey(environment) || !_idle.Contains(environment))
            {
                return;
            }

            RemoveIdle(environment);
        }

        Log.IdleStopped(_logger, Function.Name, Function.Version, environment.Id);
        _ = RetireAsync(environment);
    }

    private void RemoveIdleTimer(ExecutionEnvironment environment)
    {
        if (_idleTimers.Remove(environment, out var timer))
        {
            timer.Dispose();
        }
    }

    private async Task RetireAsync(ExecutionEnvironment environment)
    {
        try
        {
            await environment.DisposeAsync();
        }
        catch (Exception ex)
        {
            Log.RetireFailed(_logger, environment.Id, ex);
        }
        finally
        {
            lock (_lock)
            {
                _all.Remove(environment);
            }

            ReplaceProvisioned(environment);
        }
    }

    private ExecutionEnvironment Track(ExecutionEnvironment environment)
    {
        lock (_lock)
        {
            _all.Add(environment);
        }

        environment.Exited = OnEnvironmentExited;
        return environment;
    }

    /// <summary>A process that dies while its environment is idle (killed from outside, or crashed after its last
    /// response) gives back its namespace, slirp4netns and cgroup now, not at the idle sweep.</summary>
    private void OnEnvironmentExited(ExecutionEnvironment environment)
    {
        lock (_lock)
        {
            if (!_idle.Contains(environment))
            {
                return; // busy: the invocation sees the exit and discards it; or already retired
            }

            RemoveIdle(environment);
        }

        _ = RetireAsync(environment);
    }

    /// <summary>Takes one environment out of the idle stack, keeping the others' order (call under the lock).</summary>
    private void RemoveIdle(ExecutionEnvironment environment)
    {
        RemoveIdleTimer(environment);
        var rest = _idle.Where(e => e != environment).Reverse().ToList();
        _idle.Clear();
        foreach (var other in rest)
        {
            _idle.Push(other);
        }

        _environments--;
    }

    private sealed record ThrottleSetting(int Limit, bool Reserved);
}

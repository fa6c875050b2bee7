using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Fathom.Runtime.Events;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Logging;
using Fathom.Runtime.PlatformEndpoint;
using Fathom.Runtime.Processes;
using Fathom.Runtime.RuntimeApi;
using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.Environments;

/// <summary>One execution environment: one runtime process and the Runtime API listener only it talks to.
/// It serves one invocation at a time; the pool decides which.</summary>
internal sealed partial class ExecutionEnvironment : IRuntimeApiHandler, IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly FunctionModel _function;
    private readonly RuntimeContext _context;
    private readonly ILogger _logger;
    // Synchronous continuations: handing an invocation to a waiting /next writes the response on the caller's
    // thread instead of waking another one.
    private readonly Channel<PendingInvocation> _next = Channel.CreateBounded<PendingInvocation>(
        new BoundedChannelOptions(1) { AllowSynchronousContinuations = true, SingleReader = false, SingleWriter = true });
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RuntimeReply> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private RuntimeApiServer? _server;
    private PlatformEndpointServer? _platformEndpoint;
    private readonly Lazy<Task> _disposal;
    private Process? _process;
    private OutputPump[] _pumps = [];
    private TelemetryPipe? _telemetry;
    private Task<int> _exited = Task.FromResult(-1);
    private PendingInvocation? _current;
    private string? _lastRequestId;
    private string? _attributedRequestId;
    private Invocations.InvocationRequest? _attributedRequest;
    private LogTail? _tail;
    private int _stopping;
    private int _peakMemoryMb;
    private long _deadline;
    private ITimer? _timer;
    private ProcessMemory? _memory;
    private EnvironmentIsolation? _isolation;
    private long _memoryReadAt;
    private long _peakResetAt;

    public ExecutionEnvironment(FunctionModel function, RuntimeContext context)
    {
        _function = function;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<ExecutionEnvironment>();
        Id = Guid.NewGuid().ToString("N");
        _disposal = new Lazy<Task>(DisposeCoreAsync);
    }

    /// <summary>32 hex digits; the tail of the log stream name and the value of the reaping marker.</summary>
    public string Id { get; }

    public int Pid { get; private set; }

    /// <summary>True once the process has exited (or was never started).</summary>
    public bool HasExited => _exited.IsCompleted;

    /// <summary>Called once when the runtime process exits, whatever the cause (set by the pool).</summary>
    public Action<ExecutionEnvironment>? Exited { get; set; }

    /// <summary>The function this environment runs.</summary>
    public FunctionModel Function => _function;

    /// <summary>Attributes output to <paramref name="requestId"/> (null: init or between invocations) and keeps its tail.</summary>
    /// <param name="requestId">The invocation's request id.</param>
    /// <param name="tail">Where its log tail is kept.</param>
    /// <param name="request">The call, whose qualifier and source every line carries.</param>
    public void Attribute(string? requestId, LogTail? tail, Invocations.InvocationRequest? request = null)
    {
        if (requestId is not null)
        {
            // A new invocation: its own output budget and its own peak memory.
            foreach (var pump in _pumps)
            {
                pump.StartInvocation();
            }

            // Resetting and reading the cgroup's peak costs two file operations; under load a peak window of at
            // least 100 ms (the same rate as the readings) keeps that off the per-invocation path.
            var now = _context.TimeProvider.GetTimestamp();
            if (now - _peakResetAt >= _context.TimeProvider.TimestampFrequency / 10)
            {
                _peakResetAt = now;
                _isolation?.ResetPeak();
                _peakMemoryMb = 0;
            }
        }

        Volatile.Write(ref _tail, tail);
        Volatile.Write(ref _attributedRequest, requestId is null ? null : request);
        Volatile.Write(ref _attributedRequestId, requestId);
    }

    /// <summary>Waits until the output written so far has been read, so it lands before END.</summary>
    public Task EndInvocationAsync() => DrainOutputAsync();

    /// <summary>Runs one invocation: hands it to the runtime's <c>/next</c> and waits for its answer, the process's
    /// exit, or the timeout (which kills the environment).</summary>
    public async Task<EnvironmentResult> InvokeAsync(PendingInvocation invocation, TimeSpan timeout)
    {
        // One reply task per invocation, completed by whichever comes first: the runtime's answer, the process's
        // exit or the timer. That costs no extra tasks or timers per call, which matters at thousands per second.
        lock (_lock)
        {
            _current = invocation;
            _deadline = _context.TimeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * _context.TimeProvider.TimestampFrequency);
        }

        _timer ??= _context.TimeProvider.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        // The process can be reaped a moment before its exit completes _exited; its /next request, left behind, would
        // take this invocation for a dead connection. Asking the process itself closes that window (the pool retries).
        if (HasExited || ProcessReaped)
        {
            invocation.Reply.TrySetResult(RuntimeReply.Exited);
        }
        else if (!_next.Writer.TryWrite(invocation))
        {
            // The channel holds one invocation; one still unread means the runtime never came back for it.
            invocation.Reply.TrySetResult(RuntimeReply.TimedOut);
        }

        var reply = await invocation.Reply.Task;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        switch (reply.Kind)
        {
            case RuntimeReplyKind.Response:
                return EnvironmentResult.Success(reply.Body, reply.ContentType);
            case RuntimeReplyKind.ResponseTooLarge:
                return EnvironmentResult.Failed(InvocationOutcome.FunctionError, "Function.ResponseSizeTooLarge",
                    $"Response payload size exceeded maximum allowed payload size ({RuntimeApiServer.MaxBodyBytes} bytes).");
            case RuntimeReplyKind.Error:
                return EnvironmentResult.Failed(InvocationOutcome.FunctionError, reply.Body, ErrorBody.Parse(reply.Body, reply.ErrorTypeHeader));
        }

        lock (_lock)
        {
            _current = null;
            _lastRequestId = invocation.RequestId;
        }

        if (reply.Kind == RuntimeReplyKind.Exited)
        {
            var exit = await _exited;
            if (_isolation?.ReadOutOfMemoryKills() > 0)
            {
                return EnvironmentResult.Failed(InvocationOutcome.OutOfMemory, OutOfMemoryError.ErrorType, OutOfMemoryError.Message(invocation.RequestId));
            }

            return EnvironmentResult.Failed(InvocationOutcome.Crash, "Runtime.ExitError",
                $"RequestId: {invocation.RequestId} Error: Runtime exited with error: {ProcessExit.Describe(exit)}");
        }

        PeakMemoryMb(fresh: true);
        Kill();
        await _exited.WaitAsync(TimeSpan.FromSeconds(5), _context.TimeProvider).ContinueWith(_ => { }, TaskScheduler.Default);
        return EnvironmentResult.Failed(InvocationOutcome.Timeout, "Sandbox.Timedout",
            $"RequestId: {invocation.RequestId} Error: Task timed out after {timeout.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} seconds");
    }

    private void OnTimer()
    {
        PendingInvocation? current;
        lock (_lock)
        {
            current = _current;
            var remaining = _deadline - _context.TimeProvider.GetTimestamp();
            if (current is not null && remaining > 0)
            {
                // Early (timers may fire a little ahead of the clock) or left over from an earlier arming: wait on.
                _timer?.Change(TimeSpan.FromSeconds((double)remaining / _context.TimeProvider.TimestampFrequency), Timeout.InfiniteTimeSpan);
                return;
            }
        }

        current?.Reply.TrySetResult(RuntimeReply.TimedOut);
    }

    private void OnExited()
    {
        PendingInvocation? current;
        lock (_lock)
        {
            current = _current;
        }

        current?.Reply.TrySetResult(RuntimeReply.Exited);
        if (Volatile.Read(ref _stopping) == 0)
        {
            Exited?.Invoke(this);
        }
    }

    /// <summary>Peak resident memory of the runtime process so far, in MB.</summary>
    public int PeakMemoryMb(bool fresh = false)
    {
        // procfs renders the whole status text on each read (about 10 us); under load, a reading at most every
        // 100 ms is enough for a high-water mark.
        var now = _context.TimeProvider.GetTimestamp();
        if (fresh || _peakMemoryMb == 0 || now - _memoryReadAt >= _context.TimeProvider.TimestampFrequency / 10)
        {
            // The cgroup (or the watchdog) sees the whole sandbox; the launched pid is only bubblewrap there.
            var current = _isolation is { } isolation && (isolation.HasCgroup || isolation.ReadPeakBytes() is not null)
                ? isolation.ReadMaxMemoryUsedMb()
                : HasExited ? 0 : _memory?.PeakMb() ?? 0;
            _peakMemoryMb = Math.Max(_peakMemoryMb, current);
            _memoryReadAt = now;
        }

        return _peakMemoryMb;
    }

    /// <summary>Kills the whole process group at once.</summary>
    public void Kill()
    {
        if (Pid > 0 && !HasExited)
        {
            NativeMethods.KillGroup(Pid, NativeMethods.SigKill);
            NativeMethods.KillProcess(Pid, NativeMethods.SigKill);
        }
    }

    /// <summary>SIGTERM to the group, SIGKILL after the grace period, then the listener closes.</summary>
    /// <remarks>Every caller waits for the same stop: the host, disposing, must not go on (and remove the cgroup
    /// parent) while a retirement started earlier is still removing this environment's group.</remarks>
    public ValueTask DisposeAsync() => new(_disposal.Value);

    private async Task DisposeCoreAsync()
    {
        Interlocked.Exchange(ref _stopping, 1);

        if (Pid > 0 && !HasExited)
        {
            NativeMethods.KillGroup(Pid, NativeMethods.SigTerm);
            try
            {
                await _exited.WaitAsync(_context.Options.ShutdownGracePeriod, _context.TimeProvider);
            }
            catch (TimeoutException)
            {
                Kill();
                await _exited;
            }
        }

        // Whatever the runtime left in its group (children that ignored SIGTERM) goes too.
        if (Pid > 0)
        {
            NativeMethods.KillGroup(Pid, NativeMethods.SigKill);
        }

        _next.Writer.TryComplete();
        _timer?.Dispose();
        _memory?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_platformEndpoint is not null)
        {
            await _platformEndpoint.DisposeAsync();
        }

        _process?.Dispose();
        _telemetry?.Dispose();
        if (_isolation is not null)
        {
            await _isolation.DisposeAsync();
        }

        if (Pid > 0)
        {
            _context.Registry.Unregister(Id);
        }
    }

    private async Task DrainOutputAsync()
    {
        foreach (var pump in _pumps)
        {
            await pump.WaitForDrainAsync(TimeSpan.FromSeconds(1), _context.TimeProvider);
        }
    }

    private bool ProcessReaped
    {
        get
        {
            try
            {
                return _process is { HasExited: true };
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    private static async Task<int> WaitForExitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private void OnOutput(LogStream stream, OutputRecord record)
    {
        var text = record.Text;
        var attributed = Volatile.Read(ref _attributedRequestId);
        var request = attributed is null ? null : Volatile.Read(ref _attributedRequest);
        var requestId = attributed ?? RuntimeLogFormat.RequestIdOf(text);
        Volatile.Read(ref _tail)?.Add(text);
        _context.Events.Publish(new LogLine
        {
            App = _function.App,
            Environment = _function.EnvironmentName,
            FunctionName = _function.Name,
            Version = _function.Version,
            Time = record.Time ?? _context.TimeProvider.GetUtcNow(),
            RequestId = requestId,
            Qualifier = request?.Qualifier,
            Source = request?.Source,
            Stream = stream,
            Text = text,
            Level = record.Level,
            EnvironmentId = Id,
        });
    }
}

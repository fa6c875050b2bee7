using Fathom.Runtime.Events;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Logging;
using Fathom.Runtime.RuntimeClient;

namespace Fathom.Runtime.Environments;

/// <summary>One invocation from lease to result: cold start when needed, START/END/REPORT (or, in JSON log format,
/// platform records) as Lambda prints them, the result and its <see cref="InvocationCompleted"/> record.</summary>
internal sealed partial class EnvironmentPool
{
    private async Task<InvocationResult> RunAsync(EnvironmentLease lease, InvocationRequest request, string requestId, DateTimeOffset start)
    {
        var time = _context.TimeProvider;
        var tail = new LogTail();
        var began = time.GetTimestamp();
        var environment = lease.Warm;
        TimeSpan? initDuration = null;
        try
        {
        Start:
            if (environment is null)
            {
                environment = Track(new ExecutionEnvironment(Function, _context));
                environment.Attribute(null, tail);
                var init = await StartAsync(environment);
                initDuration = time.GetElapsedTime(began);
                if (init.Outcome != InvocationOutcome.Success)
                {
                    Discard(environment);
                    Platform(tail, request, requestId, LogFormat.Start(time.GetUtcNow(), requestId, Function.Version));
                    Platform(tail, request, requestId, LogFormat.InitError(time.GetUtcNow(), requestId, init.Error!.ErrorType, init.Error.ErrorMessage));
                    return Finish(request, requestId, start, init, initDuration.Value, initDuration, 0, tail);
                }

                tail.Clear();
            }

            environment.Attribute(requestId, tail, request);
            Platform(tail, request, requestId, LogFormat.Start(time.GetUtcNow(), requestId, Function.Version));
            var invokeStart = time.GetTimestamp();
            var now = time.GetUtcNow();
            var pending = new PendingInvocation
            {
                RequestId = requestId,
                Payload = request.Payload,
                DeadlineMs = (now + Function.Definition.Timeout).ToUnixTimeMilliseconds(),
                InvokedFunctionArn = Function.InvokedArn(request.Qualifier),
                TraceId = request.TraceId ?? NewTraceId(now),
                ClientContext = request.ClientContext,
            };
            var result = await environment.InvokeAsync(pending, Function.Definition.Timeout);
            if (result.Outcome is InvocationOutcome.Crash && !pending.Delivered && initDuration is null)
            {
                // A warm environment that died while idle never saw this invocation: run it on a new one instead
                // (the slot stays with this call).
                _ = RetireAsync(environment);
                environment = null;
                tail = new LogTail();
                began = time.GetTimestamp();
                goto Start;
            }

            var duration = time.GetElapsedTime(invokeStart);
            var memory = environment.PeakMemoryMb();
            await environment.EndInvocationAsync();
            if (result.Outcome is InvocationOutcome.Timeout)
            {
                var message = result.Error!.ErrorMessage;
                Platform(tail, request, requestId, LogFormat.Timeout(time.GetUtcNow(), requestId, result.Error.ErrorType, message[message.IndexOf("Task", StringComparison.Ordinal)..]));
            }
            else if (result.Outcome is InvocationOutcome.Crash or InvocationOutcome.OutOfMemory)
            {
                Platform(tail, request, requestId, LogFormat.Exited(time.GetUtcNow(), requestId, result.Error!.ErrorType, result.Error.ErrorMessage));
            }

            if (result.Outcome is InvocationOutcome.Timeout or InvocationOutcome.Crash or InvocationOutcome.OutOfMemory)
            {
                Discard(environment);
            }
            else
            {
                environment.Attribute(null, null);
                Release(environment);
            }

            return Finish(request, requestId, start, result, duration, initDuration, memory, tail);
        }
        catch (Exception ex)
        {
            // A platform failure (an install that cannot run, a process that cannot start) is the caller's error, never a crash here.
            Log.InvocationFailed(_logger, Function.Name, Function.Version, requestId, ex);
            if (environment is not null)
            {
                Discard(environment);
            }
            else
            {
                Release(null);
            }

            var type = ex is RuntimeClientInstallException ? "Runtime.InvalidEntrypoint" : "Runtime.Unknown";
            var failed = EnvironmentResult.Failed(InvocationOutcome.InitError, type, ex.Message);
            return Finish(request, requestId, start, failed, time.GetElapsedTime(began), initDuration, 0, tail);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<EnvironmentResult> StartAsync(ExecutionEnvironment environment, bool provisioned = false)
    {
        var definition = Function.Definition;
        if (Function.Kind == RuntimeKind.Node)
        {
            var entryPoint = await _context.RuntimeClientAsync();
            var runtimeDirectory = Path.GetDirectoryName(Path.GetDirectoryName(entryPoint));
            return await environment.StartAsync([_context.Node.Path, entryPoint, definition.Handler], runtimeDirectory, provisioned);
        }

        var bootstrap = Path.Combine(Path.GetFullPath(definition.CodeDirectory), "bootstrap");
        if (!File.Exists(bootstrap))
        {
            return EnvironmentResult.Failed(InvocationOutcome.InitError, "Runtime.InvalidEntrypoint",
                $"Couldn't find valid bootstrap(s): [{bootstrap}]");
        }

        return await environment.StartAsync([bootstrap], null, provisioned);
    }

    private InvocationResult Finish(InvocationRequest request, string requestId, DateTimeOffset start, EnvironmentResult result,
        TimeSpan duration, TimeSpan? initDuration, int memoryMb, LogTail tail)
    {
        var billed = TimeSpan.FromMilliseconds(Math.Ceiling(duration.TotalMilliseconds));
        if (LogFormat.End(requestId) is { } end)
        {
            Platform(tail, request, requestId, end);
        }

        Platform(tail, request, requestId, LogFormat.Report(_context.TimeProvider.GetUtcNow(), requestId, new InvocationReport(
            duration, billed, Function.Definition.MemorySizeMb, memoryMb, initDuration, result.Outcome, result.Error?.ErrorType)));

        var invocation = new InvocationResult
        {
            RequestId = requestId,
            Outcome = result.Outcome,
            ExecutedVersion = Function.Version,
            Payload = result.Payload,
            ContentType = result.ContentType,
            ErrorType = result.Error?.ErrorType,
            ErrorMessage = result.Error?.ErrorMessage,
            StackTrace = result.Error?.StackTrace ?? [],
            Duration = duration,
            BilledDuration = billed,
            InitDuration = initDuration,
            MaxMemoryUsedMb = memoryMb,
            LogTail = tail.ToString(),
        };
        Publish(request, invocation, start);
        return invocation;
    }

    private InvocationResult Throttled(InvocationRequest request, string requestId, DateTimeOffset start, string reason, string message)
    {
        var error = new ErrorBody("TooManyRequestsException", message, []);
        var result = new InvocationResult
        {
            RequestId = requestId,
            Outcome = InvocationOutcome.Throttled,
            ExecutedVersion = Function.Version,
            Payload = error.ToJson(),
            ContentType = "application/json",
            ErrorType = error.ErrorType,
            ErrorMessage = message,
            ThrottleReason = reason,
        };
        Publish(request, result, start);
        return result;
    }

    private void Publish(InvocationRequest request, InvocationResult result, DateTimeOffset start)
    {
        var payload = request.Payload;
        _context.Events.Publish(new InvocationCompleted
        {
            App = request.App,
            Environment = request.Environment,
            FunctionName = Function.Name,
            Version = Function.Version,
            Time = _context.TimeProvider.GetUtcNow(),
            RequestId = result.RequestId,
            Qualifier = request.Qualifier,
            Source = request.Source,
            Start = start,
            Duration = result.Duration,
            BilledDuration = result.BilledDuration,
            InitDuration = result.InitDuration,
            MaxMemoryUsedMb = result.MaxMemoryUsedMb,
            MemorySizeMb = Function.Definition.MemorySizeMb,
            Outcome = result.Outcome,
            ErrorType = result.ErrorType,
            ErrorMessage = result.ErrorMessage,
            StackTrace = result.StackTrace,
            ThrottleReason = result.ThrottleReason,
            Payload = payload.Length > InvocationCompleted.MaxPayloadBytes ? payload[..InvocationCompleted.MaxPayloadBytes].ToArray() : payload.ToArray(),
            PayloadTruncated = payload.Length > InvocationCompleted.MaxPayloadBytes,
        });
    }

    private void Platform(LogTail tail, InvocationRequest request, string requestId, string text)
    {
        tail.Add(text);
        _context.Events.Publish(new LogLine
        {
            App = Function.App,
            Environment = Function.EnvironmentName,
            FunctionName = Function.Name,
            Version = Function.Version,
            Time = _context.TimeProvider.GetUtcNow(),
            RequestId = requestId,
            Qualifier = request.Qualifier,
            Source = request.Source,
            Stream = LogStream.Platform,
            Text = text,
        });
    }

    /// <summary>Text START/END/REPORT lines, or JSON platform records (LoggingConfig.LogFormat).</summary>
    private PlatformLogFormat LogFormat => PlatformLogFormat.For(Function.Definition.LogFormat);

    /// <summary>An X-Ray style trace header: <c>Root=1-&lt;8 hex epoch seconds&gt;-&lt;24 hex&gt;;Parent=&lt;16 hex&gt;;Sampled=0</c>.</summary>
    internal static string NewTraceId(DateTimeOffset now) =>
        $"Root=1-{now.ToUnixTimeSeconds():x8}-{Random.Shared.NextInt64():x16}{Random.Shared.Next():x8};Parent={Random.Shared.NextInt64():x16};Sampled=0";
}

using System.Globalization;
using Fathom.Platform.Endpoint;
using Fathom.Runtime.Events;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Logging;
using Fathom.Runtime.PlatformEndpoint;
using Fathom.Runtime.Processes;
using Fathom.Runtime.RuntimeApi;

namespace Fathom.Runtime.Environments;

/// <summary>Starting an environment: its isolation, its Runtime API and platform endpoint, the process, and init.</summary>
internal sealed partial class ExecutionEnvironment
{
    /// <summary>How long an exit during init waits for an init error report still on its way.</summary>
    private static readonly TimeSpan InitErrorGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>Starts the process and waits for its init: the first <c>/next</c>, an init error, an exit or the init timeout.
    /// The command uses host paths; in a sandbox they are mapped to <c>/var/task</c> and <c>/var/runtime</c>.</summary>
    public async Task<EnvironmentResult> StartAsync(IReadOnlyList<string> command, string? runtimeDirectory, bool provisioned = false)
    {
        var time = _context.TimeProvider;
        var capabilities = _context.Capabilities;
        var sandboxed = capabilities is { BubblewrapWorks: true };
        var networkMode = capabilities?.ChooseNetworkMode(_context.Sandbox) ?? SandboxNetworkMode.Host;
        var loopback = networkMode == SandboxNetworkMode.Host ? RuntimeApiServer.BindLoopback() : null;
        var runtimeApi = loopback is not null
            ? ((System.Net.IPEndPoint)loopback.LocalEndPoint!).ToString()
            : "127.0.0.1:" + NetworkNamespace.RuntimeApiPort.ToString(CultureInfo.InvariantCulture);

        var nodeDirectory = _function.Kind == RuntimeKind.Node ? Path.GetDirectoryName(_context.Node.Path) : null;
        var paths = sandboxed ? new SandboxPaths(_function.Definition.CodeDirectory, runtimeDirectory, nodeDirectory) : null;
        var variables = EnvironmentVariables.Build(_function, _context.Options, runtimeApi, Id,
            EnvironmentVariables.LogStreamName(time.GetUtcNow(), _function.Version, Id),
            paths is null ? runtimeDirectory : runtimeDirectory is null ? null : SandboxSpec.RuntimeRoot,
            paths is null ? nodeDirectory : paths.NodeDirectory);
        if (paths is not null)
        {
            variables["LAMBDA_TASK_ROOT"] = SandboxSpec.TaskRoot;
        }

        // Without a namespace of its own the platform endpoint is on a free host port, known before the variables
        // that point at it are set.
        var platformLoopback = networkMode == SandboxNetworkMode.Host ? RuntimeApiServer.BindLoopback() : null;
        var platformAddress = platformLoopback is not null
            ? ((System.Net.IPEndPoint)platformLoopback.LocalEndPoint!).ToString()
            : "127.0.0.1:" + PlatformEndpointServer.Port.ToString(CultureInfo.InvariantCulture);
        var caller = new SandboxCaller(_function.Name, _function.Version, Id)
        {
            App = _function.Definition.App,
            Environment = _function.Definition.EnvironmentName,
        };
        foreach (var (key, value) in _context.PlatformEndpoint.Variables(caller, platformAddress))
        {
            // Defaults: what the function sets itself wins (a DSN of its own, its own release name).
            if (!_function.Definition.Environment.ContainsKey(key) && !FunctionRuntimeValidator.ReservedVariables.Contains(key))
            {
                variables[key] = value;
            }
        }

        if (provisioned)
        {
            variables["AWS_LAMBDA_INITIALIZATION_TYPE"] = "provisioned-concurrency";
        }

        if (_function.Kind == RuntimeKind.Node)
        {
            // The runtime client then writes each console call as one frame, as on Lambda, so a multi-line message
            // (a stack trace) stays one record with its level. Set last: the platform's value wins over the function's.
            _telemetry = new TelemetryPipe();
            variables[TelemetryPipe.Variable] = TelemetryPipe.Descriptor.ToString(CultureInfo.InvariantCulture);
        }

        if (_function.Kind == RuntimeKind.Node && _function.Definition.Environment.TryGetValue(EnvironmentVariables.ExecWrapper, out var wrapper))
        {
            command = [wrapper, .. command];
        }

        if (paths is not null)
        {
            command = [.. command.Select(paths.Map)];
        }

        IReadOnlyList<string> argv = command;
        IReadOnlyDictionary<string, string> launchVariables = variables;
        try
        {
            if (_context.SandboxHost is { } host)
            {
                _isolation = await EnvironmentIsolation.PrepareAsync(new EnvironmentIsolationRequest
                {
                    EnvironmentId = Id,
                    Command = command,
                    CodeDirectory = Path.GetFullPath(_function.Definition.CodeDirectory),
                    RuntimeDirectory = runtimeDirectory,
                    Environment = variables,
                    MemorySizeMb = _function.Definition.MemorySizeMb,
                    Outbound = _function.Definition.OutboundNetwork,
                    SizeNodeHeap = _function.Kind == RuntimeKind.Node,
                    ReadOnlyBinds = paths?.ExtraBinds ?? new Dictionary<string, string>(),
                    TelemetryPipe = _telemetry?.WriterPath,
                }, host, TimeProvider.System); // OS waits, not the host clock
                argv = _isolation.Argv;
                // The marker stays on the outer process (bubblewrap clears it for the function) so reaping finds it.
                launchVariables = _isolation.Sandboxed
                    ? new Dictionary<string, string> { [ProcessRegistry.MarkerVariable] = Id, ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }
                    : _isolation.Environment;
            }

            if (_telemetry is not null && _isolation?.Sandboxed != true)
            {
                // A sandbox's own outer shell opens the pipe; without one, a shell of its own does.
                argv = _telemetry.Wrap(argv);
            }

            var listener = _isolation?.Listener ?? loopback ?? RuntimeApiServer.BindLoopback();
            if (listener != loopback)
            {
                loopback?.Dispose();
            }

            _server = new RuntimeApiServer(listener, this);
            _server.Start();
            var platformListener = _isolation?.PlatformListener ?? platformLoopback ?? RuntimeApiServer.BindLoopback();
            if (platformListener != platformLoopback)
            {
                platformLoopback?.Dispose();
            }

            _platformEndpoint = new PlatformEndpointServer(platformListener, _context.PlatformEndpoint, caller);
            // A sandbox starts from /: the outer shell exports its working directory as PWD, which the sandbox's
            // pid 1 (bubblewrap) keeps in its environment, readable from inside.
            var workingDirectory = _isolation?.Sandboxed == true ? "/" : _function.Definition.CodeDirectory;
            _process = await _context.Launcher.StartAsync(argv, workingDirectory, launchVariables);
        }
        catch (SandboxUnavailableException ex)
        {
            // Fail closed: an environment that cannot get its host's defences does not start weaker.
            loopback?.Dispose();
            platformLoopback?.Dispose();
            Log.SandboxUnavailable(_logger, _function.Name, _function.Version, ex.Message);
            return EnvironmentResult.Failed(InvocationOutcome.InitError, "Runtime.Unknown", $"Sandbox unavailable: {ex.Message}");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or ObjectDisposedException
            or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            loopback?.Dispose();
            platformLoopback?.Dispose();
            return EnvironmentResult.Failed(InvocationOutcome.InitError, "Runtime.InvalidEntrypoint", $"Cannot start {command[0]}: {ex.Message}");
        }

        Pid = _process.Id;
        _memory = new ProcessMemory(Pid);
        _isolation?.Started(Pid);
        _context.Registry.Register(Id, Pid);
        var options = _context.Options;
        _pumps =
        [
            new OutputPump(_process.StandardOutput.BaseStream, new OutputLimiter(line => OnOutput(LogStream.Stdout, new OutputRecord(line)),
                options.MaxLogLineBytes, options.MaxLogBytesPerInvocation)),
            new OutputPump(_process.StandardError.BaseStream, new OutputLimiter(line => OnOutput(LogStream.Stderr, new OutputRecord(line)),
                options.MaxLogLineBytes, options.MaxLogBytesPerInvocation)),
            .. _telemetry is null ? Array.Empty<OutputPump>() :
            [
                new OutputPump(_telemetry.Reader, new LogFrameDecoder(record => OnOutput(LogStream.Telemetry, record), time,
                    options.MaxLogLineBytes, options.MaxLogBytesPerInvocation)),
            ],
        ];
        _exited = WaitForExitAsync(_process);
        _ = _exited.ContinueWith(_ => OnExited(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        using var initTimeout = new CancellationTokenSource();
        var timeout = Task.Delay(_context.Options.InitTimeout, time, initTimeout.Token);
        var first = await Task.WhenAny(_ready.Task, _initError.Task, _exited, timeout);
        await initTimeout.CancelAsync();
        _isolation?.Launched();
        _telemetry?.CloseWriter();
        if (first == _ready.Task)
        {
            return EnvironmentResult.Success(default, null);
        }

        // A runtime client reports an init error and exits at once: its report can still be in the Runtime API's hands
        // when the exit is seen. The report says why; the exit only says that it ended.
        if (first == _exited && !_initError.Task.IsCompleted)
        {
            await Task.WhenAny(_initError.Task, Task.Delay(InitErrorGrace, time));
        }

        if (_initError.Task.IsCompleted)
        {
            var reply = await _initError.Task;
            await DrainOutputAsync();
            Kill();
            return EnvironmentResult.Failed(InvocationOutcome.InitError, reply.Body, ErrorBody.Parse(reply.Body, reply.ErrorTypeHeader));
        }

        if (first == _exited)
        {
            await DrainOutputAsync();
            return EnvironmentResult.Failed(InvocationOutcome.InitError, "Runtime.ExitError",
                $"Error: Runtime exited with error: {ProcessExit.Describe(await _exited)}");
        }

        Kill();
        return EnvironmentResult.Failed(InvocationOutcome.InitError, "Sandbox.Timedout",
            $"Error: Init timed out after {_context.Options.InitTimeout.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} seconds");
    }
}

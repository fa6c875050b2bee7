using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// Everything that isolates one environment, prepared before it starts and torn down after: network namespace
/// with the Runtime API listener inside (or the Unix-socket relay), outbound network, cgroup (or the RSS watchdog),
/// and the command line. Call <see cref="PrepareAsync"/>, serve <see cref="Listener"/>, start <see cref="Argv"/>,
/// call <see cref="Started"/> with the pid, and dispose when the environment is gone.
/// </summary>
internal sealed class EnvironmentIsolation : IAsyncDisposable
{
    private readonly TimeProvider _timeProvider;
    private NetworkNamespace? _namespace;
    private OutboundNetwork? _outbound;
    private EnvironmentCgroup? _cgroup;
    private RssWatchdog? _watchdog;
    private string? _relayDirectory;
    private string? _argsFile;
    private long _memoryLimitBytes;

    private EnvironmentIsolation(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// The command line to start (from the launcher's dedicated thread, e.g. behind setsid/setpriv --pdeathsig).
    public IReadOnlyList<string> Argv { get; private set; } = [];

    /// <summary>
    /// Environment variables to give the started process. Empty when sandboxed: the function's environment is in
    /// <see cref="Argv"/> (bwrap --clearenv --setenv), so the platform's own never reaches it.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    /// <summary>
    /// The listening socket the Runtime API must serve for this environment (TCP inside its namespace, or the
    /// relay's Unix socket); null in <see cref="SandboxNetworkMode.Host"/> mode, where the runtime uses its own
    /// host loopback listener and passes its address in AWS_LAMBDA_RUNTIME_API.
    /// </summary>
    public Socket? Listener { get; private set; }

    /// How the network was set up.
    public SandboxNetworkMode NetworkMode { get; private set; }

    /// Whether the command runs under bubblewrap.
    public bool Sandboxed { get; private set; }

    /// Whether the function has outbound network.
    public bool HasOutbound => _outbound is not null || NetworkMode == SandboxNetworkMode.Host;

    /// Whether memory is enforced by a cgroup (else by the RSS watchdog after <see cref="Started"/>).
    public bool HasCgroup => _cgroup is not null;

    /// <summary>
    /// The listening socket of the environment's platform endpoint (127.0.0.1:9002 inside its namespace, or the relay's
    /// second Unix socket); null in <see cref="SandboxNetworkMode.Host"/> mode.
    /// </summary>
    public Socket? PlatformListener { get; private set; }

    /// <summary>
    /// Prepares the isolation for one environment according to the host's options and what the machine supports.
    /// </summary>
    /// <exception cref="SandboxUnavailableException">A defence the host promised could not be set up for this
    /// environment (the environment must not start weaker than its host says).</exception>
    public static async Task<EnvironmentIsolation> PrepareAsync(
        EnvironmentIsolationRequest request,
        SandboxHost host,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        var isolation = new EnvironmentIsolation(timeProvider);
        try
        {
            await isolation.SetUpAsync(request, host, cancellationToken).ConfigureAwait(false);
            return isolation;
        }
        catch (Exception e) when (e is not SandboxUnavailableException and not OperationCanceledException)
        {
            await isolation.DisposeAsync().ConfigureAwait(false);
            throw new SandboxUnavailableException($"Cannot isolate the environment: {e.Message}", e);
        }
        catch
        {
            await isolation.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Removes bubblewrap's argument file: call once the environment has started (its first <c>/next</c>)
    /// or failed, when bubblewrap has long read it.</summary>
    public void Launched()
    {
        if (_argsFile is not null)
        {
            File.Delete(_argsFile);
        }
    }

    /// Tells the isolation the environment's pid (starts the RSS watchdog where there is no cgroup).
    public void Started(int pid)
    {
        if (_cgroup is null && _memoryLimitBytes > 0)
        {
            _watchdog = RssWatchdog.Start(pid, _memoryLimitBytes, _timeProvider);
        }
    }

    /// Peak memory in bytes since start or the last <see cref="ResetPeak"/>; null when nothing measures it.
    public long? ReadPeakBytes() => _cgroup?.ReadPeakBytes() ?? _watchdog?.PeakBytes;

    /// Peak memory rounded up to whole MB, as REPORT's "Max Memory Used"; 0 when nothing measures it.
    public int ReadMaxMemoryUsedMb() => ReadPeakBytes() is { } bytes ? (int)((bytes + (1024 * 1024) - 1) / (1024 * 1024)) : 0;

    /// Starts a per-invocation peak reading (call when an invocation starts).
    public void ResetPeak()
    {
        if (_cgroup?.ResetPeak() is not true)
        {
            _watchdog?.ResetPeak();
        }
    }

    /// How many out-of-memory kills happened in the environment (cgroup counter, or 1 once the watchdog killed it).
    public long ReadOutOfMemoryKills() => _cgroup?.ReadOomKills() ?? (_watchdog?.OutOfMemory == true ? 1 : 0);

    /// Forks refused at the pids limit (a fork bomb shows here).
    public long ReadPidsLimitHits() => _cgroup?.ReadPidsLimitHits() ?? 0;

    /// Kills whatever is left, removes the cgroup, stops slirp4netns and releases the namespace and listener.
    public async ValueTask DisposeAsync()
    {
        _watchdog?.Dispose();
        if (_cgroup is not null)
        {
            await _cgroup.RemoveAsync(_timeProvider).ConfigureAwait(false);
        }

        if (_outbound is not null)
        {
            await _outbound.DisposeAsync().ConfigureAwait(false);
        }

        Listener?.Dispose();
        PlatformListener?.Dispose();
        _namespace?.Dispose();
        Launched();
        if (_relayDirectory is not null && Directory.Exists(_relayDirectory))
        {
            Directory.Delete(_relayDirectory, recursive: true);
        }
    }

    private async Task SetUpAsync(EnvironmentIsolationRequest request, SandboxHost host, CancellationToken cancellationToken)
    {
        var options = host.Options;
        var capabilities = host.Capabilities;
        var environment = new Dictionary<string, string>(request.Environment);
        if (request.SizeNodeHeap)
        {
            environment["NODE_OPTIONS"] = NodeHeapSizing.NodeOptions(request.MemorySizeMb, environment.GetValueOrDefault("NODE_OPTIONS"));
        }

        if (options.EnforceLimits)
        {
            _memoryLimitBytes = request.MemorySizeMb * 1024L * 1024L;
            if (capabilities.Cgroups.IsWritable)
            {
                _cgroup = capabilities.Cgroups.Create(request.EnvironmentId, _memoryLimitBytes, options.PidsLimit);
            }
        }

        Sandboxed = options.Enabled && capabilities.BubblewrapWorks && host.Store is not null;
        NetworkMode = capabilities.ChooseNetworkMode(options);
        if (!Sandboxed)
        {
            Argv = _cgroup is null ? request.Command : _cgroup.WrapCommand(request.Command);
            Environment = environment;
            return;
        }

        var store = host.Store!;
        environment["AWS_LAMBDA_RUNTIME_API"] = NetworkMode == SandboxNetworkMode.Host
            ? request.Environment.GetValueOrDefault("AWS_LAMBDA_RUNTIME_API", "")
            : "127.0.0.1:" + NetworkNamespace.RuntimeApiPort.ToString(CultureInfo.InvariantCulture);
        var outbound = (request.Outbound ?? options.OutboundNetwork) && capabilities.CanGiveOutbound(NetworkMode);
        if (NetworkMode == SandboxNetworkMode.Namespace)
        {
            _namespace = NetworkNamespace.Create();
            Listener = _namespace.CreateListener();
            PlatformListener = _namespace.CreateListener(PlatformEndpoint.PlatformEndpointServer.Port);
            if (outbound)
            {
                _outbound = await OutboundNetwork.StartAsync(_namespace.Path, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            }
        }
        else if (NetworkMode == SandboxNetworkMode.UnixRelay)
        {
            _relayDirectory = Path.Combine(store.Root, "rapi", request.EnvironmentId);
            Listener = UnixSocketRelay.CreateListener(_relayDirectory);
            PlatformListener = UnixSocketRelay.CreateListener(_relayDirectory, SandboxSpec.PlatformSocketName);
            SandboxStore.ShareWithSandboxes(_relayDirectory, SandboxSpec.RelaySocketName, SandboxSpec.PlatformSocketName);
        }

        // What is bound comes from the store: readable by the sandbox's uid, and named without host paths.
        var code = await store.MaterializeAsync(request.CodeDirectory).ConfigureAwait(false);
        var runtime = request.RuntimeDirectory is null ? null : await store.MaterializeAsync(request.RuntimeDirectory).ConfigureAwait(false);
        var binds = new Dictionary<string, string>();
        foreach (var (hostPath, inside) in request.ReadOnlyBinds)
        {
            binds[await store.MaterializeAsync(hostPath).ConfigureAwait(false)] = inside;
        }

        _argsFile = Path.Combine(host.StateDirectory, request.EnvironmentId + ".args");
        var spec = new SandboxSpec
        {
            Bubblewrap = capabilities.BubblewrapPath ?? "bwrap",
            Command = request.Command,
            CodeDirectory = code,
            RuntimeDirectory = runtime,
            EtcDirectory = store.EtcDirectory(options.SandboxUid, _outbound is not null),
            Environment = environment,
            NetworkMode = NetworkMode,
            NetworkNamespacePath = _namespace?.Path,
            RelayDirectory = _relayDirectory,
            Outbound = _outbound is not null,
            SandboxUid = options.SandboxUid,
            HostUid = host.Identity?.Uid,
            HostGid = host.Identity is null ? null : SandboxIdentity.Gid,
            CgroupProcsFiles = _cgroup?.ProcsFiles ?? [],
            ReadOnlyBinds = binds,
            SeccompFile = host.SeccompFile,
            ArgsFile = _argsFile,
            TelemetryPipe = request.TelemetryPipe,
            DisableNestedUserNamespaces = capabilities.DisableUserNamespaces,
            TmpBytes = request.TmpBytes ?? SandboxSpec.DefaultTmpBytes,
        };
        WriteArgsFile(_argsFile, spec.BuildBubblewrapArguments());
        Argv = spec.BuildArgv();
    }

    /// <summary>bubblewrap reads its arguments NUL-separated from a descriptor; the file is the platform's alone
    /// (it holds the function's environment) and is removed once the environment has started or failed.</summary>
    private static void WriteArgsFile(string path, IReadOnlyList<string> arguments)
    {
        var content = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (argument.Contains('\0', StringComparison.Ordinal))
            {
                throw new InvalidOperationException("A sandbox argument (an environment variable?) contains a NUL character.");
            }

            content.Append(argument).Append('\0');
        }

        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        stream.Write(Encoding.UTF8.GetBytes(content.ToString()));
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Fathom.Runtime.Environments;
using Fathom.Runtime.Events;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.RuntimeClient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Runtime.Hosting;

/// <summary>The runtime host: loads function versions, runs invocations in execution environments that speak the
/// Lambda Runtime API, and publishes their logs and results. Dispose it to stop every environment.</summary>
public sealed partial class FunctionRuntime : IFunctionInvoker, IReservedConcurrency, IAsyncDisposable
{
    private readonly RuntimeContext _context;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Name, string Version), EnvironmentPool> _pools = new();
    private readonly ConcurrentDictionary<EnvironmentPool, Task> _draining = new();
    private readonly ConcurrentDictionary<(string App, string Environment, string Name), int> _reserved = new();
    private int _disposed;

    /// <summary>Creates the host and reaps processes left behind by an earlier host that was killed.</summary>
    public FunctionRuntime(RuntimeOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(options, loggerFactory, timeProvider, sandboxCapabilities: null)
    {
    }

    /// <summary>Like the public constructor, with the machine's sandbox capabilities replaced (tests run the degraded
    /// paths through it, e.g. no writable cgroup).</summary>
    internal FunctionRuntime(RuntimeOptions? options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, SandboxCapabilities? sandboxCapabilities)
    {
        // Before any child starts: descriptors the platform inherited must not reach a sandbox.
        InheritedDescriptors.Seal();
        options ??= new RuntimeOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        _context = new RuntimeContext(options, timeProvider ?? TimeProvider.System, loggerFactory, sandboxCapabilities);
        _logger = loggerFactory.CreateLogger<FunctionRuntime>();
        var reaped = _context.Registry.ReapLeftovers(out var abandoned);
        if (reaped > 0)
        {
            Log.Reaped(_logger, reaped);
        }

        if (_context.Capabilities is { } capabilities)
        {
            MissingDefences = capabilities.MissingFor(_context.Sandbox);
            LogSandbox(capabilities);
            if (capabilities.Cgroups.IsWritable)
            {
                // Groups a killed predecessor with this state directory left: those of environments it registered go now;
                // any other only when empty and older than a minute, so a live host sharing the state directory keeps the
                // ones it is starting.
                capabilities.Cgroups.SweepAsync(TimeProvider.System, TimeSpan.FromMinutes(1), abandoned: abandoned).GetAwaiter().GetResult();
            }
        }
        else
        {
            MissingDefences = [.. IsolationDefences.All.Select(d => new MissingDefence(d,
                "the sandbox is turned off (RuntimeOptions.Sandbox = false): functions run as plain processes of the platform's user.",
                "Turn the sandbox on."))];
            Log.SandboxOff(_logger);
        }

        var refused = MissingDefences.Where(m => !options.AllowedWeakerIsolation.Contains(m.Defence)).ToList();
        if (options.RequireIsolation && refused.Count > 0)
        {
            // Fail closed: a host that runs other people's code does not start with a defence missing unless the
            // operator gave that defence up in words.
            _context.Launcher.Dispose();
            _context.SandboxHost?.Dispose();
            throw new IsolationUnavailableException(refused);
        }
    }

    /// <summary>The defences environments started with <paramref name="options"/> would lack on this machine, found
    /// without starting anything: what <c>fathom server</c> checks before it accepts its first deploy.</summary>
    public static IReadOnlyList<MissingDefence> ProbeMissingDefences(RuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sandbox = RuntimeContext.SandboxOptionsFor(options);
        return options.Sandbox
            ? SandboxCapabilities.Current.WithCgroups(CgroupController.Detect(parentName: RuntimeContext.CgroupParentName(options.StateDirectory))).MissingFor(sandbox)
            : SandboxCapabilities.Current.MissingFor(sandbox);
    }

    /// <summary>Logs and invocation records; call <see cref="Fathom.Platform.Events.EventHub{TEvent}.Subscribe"/> for your own queue.</summary>
    public RuntimeEventHub Events => _context.Events;

    /// <summary>What the host's environments share (the listener seam, the launcher, the registry).</summary>
    internal RuntimeContext Context => _context;

    /// <summary>The paths every environment's platform endpoint (127.0.0.1:9002 inside its sandbox) serves; features map
    /// theirs here. Nothing else of the platform is reachable from a function.</summary>
    public Fathom.Platform.Endpoint.PlatformEndpointRoutes PlatformEndpoint => _context.PlatformEndpoint;

    /// <summary>The options this host runs with.</summary>
    public RuntimeOptions Options => _context.Options;

    /// <summary>Makes a function version invocable (replacing one loaded under the same name and version, which drains).</summary>
    /// <exception cref="FunctionLoadException">The runtime is not supported or the definition is invalid.</exception>
    public void Load(FunctionDefinition definition) => LoadPool(definition);

    /// <summary>Like <see cref="Load"/>, and waits until the version's provisioned environments (ProvisionedConcurrency) are warm.</summary>
    /// <exception cref="FunctionLoadException">The runtime is not supported or the definition is invalid.</exception>
    public Task LoadAsync(FunctionDefinition definition) => LoadPool(definition).ProvisionedReady;

    private EnvironmentPool LoadPool(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var (kind, nodeMajor) = FunctionRuntimeValidator.Validate(definition);
        if (kind == RuntimeKind.Node)
        {
            NodeInstallation node;
            try
            {
                node = _context.Node;
            }
            catch (RuntimeClientInstallException ex)
            {
                throw new FunctionLoadException($"Cannot load function '{definition.Name}' ({definition.Runtime}): {ex.Message}");
            }

            if (nodeMajor != node.Major)
            {
                Log.NodeMajorDiffers(_logger, definition.Name, definition.Runtime, node.Version);
            }
        }

        var throttleLimit = definition.ReservedConcurrency ?? _context.Options.DefaultThrottleLimit;
        var arn = string.Create(CultureInfo.InvariantCulture, $"arn:aws:lambda:{_context.Options.Region}:{_context.Options.AccountId}:function:{definition.Name}");
        var pool = new EnvironmentPool(new FunctionModel(definition, kind, nodeMajor, throttleLimit, arn), _context);

        var key = (definition.Name, definition.Version);
        EnvironmentPool? previous = null;
        _pools.AddOrUpdate(key, pool, (_, old) =>
        {
            previous = old;
            return pool;
        });
        // After the pool is listed, so an override set meanwhile is seen here or reaches the pool there.
        if (_reserved.TryGetValue((definition.App, definition.EnvironmentName, definition.Name), out var reserved))
        {
            pool.SetThrottleLimit(reserved, reserved: true);
        }

        if (previous is not null)
        {
            Drain(previous);
        }

        pool.StartProvisioned();
        return pool;
    }

    /// <summary>Starts one environment for a loaded version that has none, ahead of its first call; completes when it
    /// is ready. A start that fails is left to the next call, which reports the init error.</summary>
    public Task PrewarmAsync(string name, string version) =>
        _pools.TryGetValue((name, version), out var pool) ? pool.PrewarmAsync() : Task.CompletedTask;

    /// <summary>Stops routing calls to a version. Running invocations finish on their environments, which then stop.</summary>
    /// <returns>False when the version was not loaded.</returns>
    public bool Unload(string name, string version)
    {
        if (!_pools.TryRemove((name, version), out var pool))
        {
            return false;
        }

        Drain(pool);
        return true;
    }

    /// <summary>Like <see cref="Unload"/>, and waits until the version's environments have stopped.</summary>
    public async Task UnloadAsync(string name, string version)
    {
        if (_pools.TryRemove((name, version), out var pool))
        {
            await Drain(pool);
        }
    }

    /// <summary>True when the version is loaded.</summary>
    public bool IsLoaded(string name, string version) => _pools.ContainsKey((name, version));

    /// <inheritdoc />
    public ValueTask<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Functions are loaded for one app and environment; a call meant for another must not run this one.
        if (!_pools.TryGetValue((request.FunctionName, request.Version), out var pool)
            || !string.Equals(pool.Function.App, request.App, StringComparison.Ordinal)
            || !string.Equals(pool.Function.EnvironmentName, request.Environment, StringComparison.Ordinal))
        {
            throw new FunctionNotFoundException(request.FunctionName, request.Version);
        }

        return pool.InvokeAsync(request, cancellationToken);
    }

    /// <summary>How many environments a loaded version has running (busy or idle); 0 when it is not loaded.</summary>
    public int EnvironmentCount(string name, string version) =>
        _pools.TryGetValue((name, version), out var pool) ? pool.EnvironmentCount : 0;

    /// <summary>Stops every environment (SIGTERM, then SIGKILL after the grace period) and completes the event queues.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var pools = _pools.Values.ToList();
        _pools.Clear();
        await Task.WhenAll(pools.Select(p => p.DisposeAsync().AsTask()).Concat(_draining.Keys.Select(p => p.DisposeAsync().AsTask())));
        _context.Launcher.Dispose();
        _context.Capabilities?.Cgroups.RemoveParent();
        _context.SandboxHost?.Dispose();
        if (_context.OwnsEvents)
        {
            _context.Events.CompleteAll();
        }
    }

    /// <summary>The sandbox's defences this host runs without, because the machine cannot give them or the options
    /// turn them off; empty when every environment gets all of them (docs/isolation.md).</summary>
    public IReadOnlyList<MissingDefence> MissingDefences { get; private set; } = [];

    private void LogSandbox(SandboxCapabilities capabilities)
    {
        var mode = capabilities.ChooseNetworkMode(_context.Sandbox);
        Log.SandboxReady(_logger, capabilities.BubblewrapWorks, mode.ToString(), capabilities.Cgroups.Version.ToString(),
            _context.Sandbox.OutboundNetwork && capabilities.CanGiveOutbound(mode));
        foreach (var warning in capabilities.Warnings)
        {
            Log.SandboxWarning(_logger, warning);
        }
    }

    private Task Drain(EnvironmentPool pool)
    {
        var task = _draining.GetOrAdd(pool, p => p.DrainUntilIdleAsync());
        _ = task.ContinueWith(_ => _draining.TryRemove(pool, out var _), TaskScheduler.Default);
        return task;
    }
}

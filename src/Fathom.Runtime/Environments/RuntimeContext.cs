using Fathom.Platform.Endpoint;
using Fathom.Runtime.Events;
using System.Security.Cryptography;
using System.Text;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Processes;
using Fathom.Runtime.RuntimeClient;
using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.Environments;

/// <summary>What every environment of one host shares.</summary>
internal sealed class RuntimeContext
{
    private readonly Lazy<NodeInstallation> _node;
    private readonly Lock _lock = new();
    private Task<string>? _runtimeClient;

    /// <param name="capabilities">Replaces what the machine was probed to support (tests: a machine without a writable
    /// cgroup); used only while the sandbox option is on.</param>
    public RuntimeContext(RuntimeOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, SandboxCapabilities? capabilities = null)
    {
        Options = options;
        Events = options.Events ?? new RuntimeEventHub();
        OwnsEvents = options.Events is null;
        PlatformEndpoint = options.PlatformEndpoint ?? new PlatformEndpointRoutes();
        TimeProvider = timeProvider;
        LoggerFactory = loggerFactory;
        Launcher = new ProcessLauncher();
        Registry = new ProcessRegistry(options.StateDirectory);
        Installer = new RuntimeClientInstaller(options.CacheDirectory, timeProvider, loggerFactory.CreateLogger<RuntimeClientInstaller>());
        _node = new Lazy<NodeInstallation>(() => NodeInstallation.Find(options.NodePath));
        Sandbox = SandboxOptionsFor(options);
        if (options.Sandbox)
        {
            // Each state directory gets its own cgroup parent, so a host sweeps only what its own predecessor left.
            Capabilities = capabilities ?? SandboxCapabilities.Current.WithCgroups(CgroupController.Detect(parentName: CgroupParentName(options.StateDirectory)));
            SandboxHost = SandboxHost.Create(Sandbox, Capabilities, options.StateDirectory, timeProvider);
        }
    }

    /// <summary>The isolation settings a host with <paramref name="options"/> runs environments with.</summary>
    public static SandboxOptions SandboxOptionsFor(RuntimeOptions options) => new()
    {
        Enabled = options.Sandbox,
        IsolateNetwork = options.IsolateNetwork,
        Directory = options.SandboxDirectory,
        Seccomp = options.SandboxSeccomp,
        DropIdentity = options.SandboxDropIdentity,
        OutboundNetwork = options.OutboundNetwork,
        EnforceLimits = options.EnforceLimits,
        PidsLimit = options.PidsLimit,
    };

    /// <summary>The isolation settings derived from <see cref="Options"/>.</summary>
    public SandboxOptions Sandbox { get; }

    /// <summary>What this machine supports; null when the sandbox is turned off (plain processes).</summary>
    public SandboxCapabilities? Capabilities { get; }

    /// <summary>What this host's sandboxes share (store, uid, seccomp program); null when the sandbox is turned off.</summary>
    public SandboxHost? SandboxHost { get; }

    /// <summary>The paths every environment's platform endpoint serves.</summary>
    public PlatformEndpointRoutes PlatformEndpoint { get; }

    public RuntimeOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ProcessLauncher Launcher { get; }

    public ProcessRegistry Registry { get; }

    public RuntimeClientInstaller Installer { get; }

    public RuntimeEventHub Events { get; }

    /// <summary>False when the hub was given in the options: another owner completes it.</summary>
    public bool OwnsEvents { get; }

    public NodeInstallation Node => _node.Value;

    /// <summary><c>fathom-</c> and a short hash of the state directory.</summary>
    public static string CgroupParentName(string stateDirectory)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(stateDirectory)));
        return "fathom-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    /// <summary>The runtime client entry point, installed on first use (a failed install is retried next time).</summary>
    public Task<string> RuntimeClientAsync()
    {
        lock (_lock)
        {
            if (_runtimeClient is null || _runtimeClient.IsFaulted || _runtimeClient.IsCanceled)
            {
                _runtimeClient = Task.Run(() => Installer.EnsureInstalledAsync(Node));
            }

            return _runtimeClient;
        }
    }
}

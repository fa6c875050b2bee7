using Fathom.Runtime.Events;
using Fathom.Runtime.Hosting;
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

    public RuntimeContext(RuntimeOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Options = options;
        TimeProvider = timeProvider;
        LoggerFactory = loggerFactory;
        Launcher = new ProcessLauncher();
        Registry = new ProcessRegistry(options.StateDirectory);
        Installer = new RuntimeClientInstaller(options.CacheDirectory, timeProvider, loggerFactory.CreateLogger<RuntimeClientInstaller>());
        _node = new Lazy<NodeInstallation>(() => NodeInstallation.Find(options.NodePath));
    }

    public RuntimeOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ProcessLauncher Launcher { get; }

    public ProcessRegistry Registry { get; }

    public RuntimeClientInstaller Installer { get; }

    public RuntimeEventHub Events { get; } = new();

    /// <summary>Creates the listening socket of a new environment's Runtime API. Loopback on a free port by default;
    /// sandboxing replaces it with a socket bound inside the environment's network namespace.</summary>
    public Func<System.Net.Sockets.Socket> BindListener { get; set; } = RuntimeApi.RuntimeApiServer.BindLoopback;

    public NodeInstallation Node => _node.Value;

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

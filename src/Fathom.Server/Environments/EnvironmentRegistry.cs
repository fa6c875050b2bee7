using System.Collections.Immutable;
using System.Net.Sockets;
using Fathom.Deployments.Environments;
using Fathom.Deployments.LambdaApi;
using Fathom.Deployments.Releases;
using Fathom.Deployments.Versions;
using Fathom.Runtime.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Environments;

/// <summary>Every app environment the host serves (<see cref="IDeploymentDirectory"/> for the admin features). Under
/// <c>fathom up</c> it holds the one environment UpHost adds; under <c>fathom server</c> it grows as first deploys create
/// environments, persists each one's <see cref="EnvironmentRecord"/>, and brings them all back on start.</summary>
internal sealed partial class EnvironmentRegistry : IDeploymentDirectory, IReservedConcurrency, IAsyncDisposable
{
    private readonly ServerEnvironmentOptions? _server;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private readonly ILogger _logger;
    private ImmutableArray<AppEnvironment> _all = [];

    /// <param name="server">How to create environments; null for a host whose environments are added (<c>fathom up</c>).</param>
    public EnvironmentRegistry(ServerEnvironmentOptions? server = null, ILoggerFactory? loggerFactory = null)
    {
        _server = server;
        _logger = (loggerFactory ?? server?.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            .CreateLogger<EnvironmentRegistry>();
    }

    /// <summary>The environments, by app then environment name.</summary>
    public IReadOnlyList<AppEnvironment> All => _all;

    public IReadOnlyList<DeploymentStore> Environments => [.. _all.Select(e => e.Store)];

    public DeploymentStore? Find(string app, string environment) => Get(app, environment)?.Store;

    public AppEnvironment? Get(string app, string environment) =>
        _all.FirstOrDefault(e => string.Equals(e.App, app, StringComparison.Ordinal) && string.Equals(e.Name, environment, StringComparison.Ordinal));

    /// <summary>The environment an admin request addresses (<see cref="EnvironmentSelection"/>).</summary>
    public AppEnvironment? Select(HttpContext context, out string? problem)
    {
        var store = EnvironmentSelection.Select(context, this, out problem);
        return store is null ? null : _all.First(e => ReferenceEquals(e.Store, store));
    }

    /// <summary>PutFunctionConcurrency on one environment: its runtime's throttle limit for the function's versions.</summary>
    public void SetReservedConcurrency(string app, string environment, string function, int? reserved) =>
        Get(app, environment)?.Runtime.SetReservedConcurrency(app, environment, function, reserved);

    /// <summary>Adds an environment made elsewhere (<c>fathom up</c>'s one).</summary>
    public void Add(AppEnvironment environment) => ImmutableInterlocked.Update(ref _all, list => Sorted(list.Add(environment)));

    /// <summary>Brings back every recorded environment on its recorded port, serving its live aliases without a rebuild.
    /// An environment whose port is taken is served without app traffic and reported.</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var server = Server;
        var records = EnvironmentRecordFile.ReadAll(server.DataDirectory, (file, e) => LogUnreadable(_logger, file, e.Message));
        foreach (var record in records)
        {
            var environment = await OpenAsync(record.App, record.Environment, record.Runtime, cancellationToken);
            environment.Restore(record);
            Add(environment);
            try
            {
                await environment.ListenAsync(ListenerOptions(record.Port), cancellationToken);
            }
            catch (EnvironmentPortException e)
            {
                LogPortUnavailable(_logger, record.App, record.Environment, e.Message);
            }
        }
    }

    /// <summary>The environment, created (store, runtime, app-traffic listener) when this is its first deploy.</summary>
    /// <param name="port">A port asked for (<c>deploy --port</c>, <c>fathom.yaml</c>); null picks one.</param>
    /// <exception cref="EnvironmentPortException">The port asked for is taken (by another environment or process).</exception>
    public async Task<(AppEnvironment Environment, bool Created)> GetOrCreateAsync(
        string app, string environment, int? port, EnvironmentRuntime runtime, CancellationToken cancellationToken)
    {
        await _createLock.WaitAsync(cancellationToken);
        try
        {
            if (Get(app, environment) is { } existing)
            {
                return (existing, false);
            }

            var chosen = ChoosePort(port, app, environment);
            var created = await OpenAsync(app, environment, runtime, cancellationToken);
            try
            {
                await created.ListenAsync(ListenerOptions(chosen), cancellationToken);
            }
            catch
            {
                await created.DisposeAsync();
                throw;
            }

            Add(created);
            return (created, true);
        }
        finally
        {
            _createLock.Release();
        }
    }

    /// <summary>Takes away an environment whose first deploy failed after it was created, so a failed deploy leaves no
    /// environment behind (nothing was recorded for it).</summary>
    public async Task RemoveAsync(AppEnvironment environment)
    {
        ImmutableInterlocked.Update(ref _all, list => list.Remove(environment));
        await environment.DisposeAsync();
    }

    /// <summary>Persists an environment's record after a release committed.</summary>
    public void Save(AppEnvironment environment, EnvironmentRecord record)
    {
        EnvironmentRecordFile.Write(Server.DataDirectory, record);
        environment.Record = record;
    }

    public async ValueTask DisposeAsync()
    {
        var all = ImmutableInterlocked.InterlockedExchange(ref _all, []);
        await Task.WhenAll(all.Select(e => e.DisposeAsync().AsTask()));
        _createLock.Dispose();
    }

    private ServerEnvironmentOptions Server => _server ?? throw new InvalidOperationException("This host's environments are added, not created.");

    private async Task<AppEnvironment> OpenAsync(string app, string environment, EnvironmentRuntime settings, CancellationToken cancellationToken)
    {
        var server = Server;
        var runtimeOptions = new RuntimeOptions
        {
            NodePath = server.NodePath,
            StateDirectory = Path.Combine(server.DataDirectory, "runtime", app, environment),
            Region = settings.Region,
            AccountId = settings.AccountId,
            Events = server.RuntimeEvents,
            PlatformEndpoint = server.PlatformEndpoint,
            Sandbox = server.Sandbox,
            // Fail closed: an environment that cannot get its defences does not start weaker than the operator allowed.
            RequireIsolation = server.Sandbox,
            AllowedWeakerIsolation = server.AllowedWeakerIsolation,
        };
        if (settings.MaxEnvironments is { } max)
        {
            runtimeOptions.MaxEnvironmentsPerFunction = max;
        }

        if (settings.IdleTimeout is { } idle)
        {
            runtimeOptions.IdleTimeout = idle;
        }

        if (settings.QueueLength is { } queue)
        {
            runtimeOptions.MaxQueueLength = queue;
        }

        var store = await DeploymentStore.OpenAsync(server.DataDirectory, app, environment,
            new DeploymentStoreOptions { TimeProvider = server.TimeProvider, Events = server.Events }, cancellationToken);
        FunctionRuntime runtime;
        try
        {
            runtime = new FunctionRuntime(runtimeOptions, server.LoggerFactory, server.TimeProvider);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        // Reserved concurrency set through PutFunctionConcurrency applies before the environment's first version loads.
        await ReservedConcurrencyOverrides.ApplyAsync(store, runtime, cancellationToken);
        if (runtime.MissingDefences.Count > 0)
        {
            // The operator's choice to run with weaker isolation is on the record of every environment it applies to.
            await store.AppendAuditAsync(new AuditEntry(
                $"fathom server ({System.Environment.UserName})", "isolation.weaker", "sandbox", "allowed",
                $"runs without {string.Join(", ", runtime.MissingDefences.Select(m => m.Name))} (--allow-weaker-isolation)"), cancellationToken);
        }

        return new AppEnvironment(store, runtime, server.ArtifactsDirectory, server.KeepWarm, server.TimeProvider);
    }

    private EnvironmentListenerOptions ListenerOptions(int port)
    {
        var server = Server;
        return new EnvironmentListenerOptions(server.Address, port, server.GatewayEvents, server.LoggerFactory, server.TimeProvider, server.Tls);
    }

    private int ChoosePort(int? requested, string app, string environment)
    {
        var used = _all.Select(e => e.Url?.Port ?? e.Record?.Port ?? 0).Where(p => p > 0).ToHashSet();
        if (requested is { } asked)
        {
            if (used.Contains(asked))
            {
                var owner = _all.First(e => (e.Url?.Port ?? e.Record?.Port) == asked);
                throw new EnvironmentPortException($"port {asked} is already the app port of {owner.App}/{owner.Name}; choose another for {app}/{environment}");
            }

            return asked;
        }

        var first = Server.FirstPort;
        if (first == 0)
        {
            return 0;
        }

        if (used.Count == 0 && IsFree(first))
        {
            return first;
        }

        for (var port = Math.Max(first, used.Count == 0 ? first : used.Max()) + 1; port <= 65535; port++)
        {
            if (!used.Contains(port) && IsFree(port))
            {
                return port;
            }
        }

        throw new EnvironmentPortException($"no free port above {first} for {app}/{environment}");
    }

    private bool IsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(Server.Address, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static ImmutableArray<AppEnvironment> Sorted(ImmutableArray<AppEnvironment> list) =>
        [.. list.OrderBy(e => e.App, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)];

    [LoggerMessage(1, LogLevel.Error, "Environment record {File} cannot be read ({Reason}); that environment is not served")]
    private static partial void LogUnreadable(ILogger logger, string file, string reason);

    [LoggerMessage(2, LogLevel.Error, "{App}/{Environment}: {Reason}; its app traffic is not served until the port is free and the server restarts")]
    private static partial void LogPortUnavailable(ILogger logger, string app, string environment, string reason);
}

using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;
using Fathom.Packaging.Artifacts;
using Fathom.Platform.Endpoint;
using Fathom.Platform.Events;
using Fathom.Runtime.Events;
using Fathom.Runtime.Hosting;
using Fathom.Server.Deploy;
using Fathom.Server.Environments;
using Fathom.Telemetry.Errors.Sentry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Hosting;

/// <summary><c>fathom server</c>: the same host as <c>fathom up</c> (<see cref="FathomServer"/> with every feature composed
/// once) holding any number of app environments, each created by its first deploy with an app port of its own, and all
/// brought back on start from the data directory without a rebuild.</summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly ServerHostOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly RuntimeEventHub _runtimeEvents = new();
    private EnvironmentRegistry? _registry;
    private PlatformEventStore? _events;
    private Access.Store.AccessStore? _access;
    private FathomServer? _server;

    private ServerHost(ServerHostOptions options)
    {
        _options = options;
        _loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning));
    }

    public Uri AdminUrl => _server?.AdminUrl ?? throw new InvalidOperationException("Not started.");

    /// <summary>The admin host's services (tests enumerate its route table).</summary>
    internal IServiceProvider Services => _server?.Services ?? throw new InvalidOperationException("Not started.");

    /// <summary>Starts the admin port and every recorded environment.</summary>
    /// <exception cref="ServerStartException">The host is not loopback, or a port is in use.</exception>
    public static async Task<ServerHost> StartAsync(ServerHostOptions options, CancellationToken cancellationToken)
    {
        var host = new ServerHost(options);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            // First the admin port and the telemetry pipeline (which drains), then the environments and their runtimes.
            await _server.DisposeAsync();
        }

        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _runtimeEvents.CompleteAll();
        _events?.Dispose();
        _access?.Dispose();
        _loggerFactory.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var address = FathomServer.ParseHost(_options.Host);
        var data = Path.GetFullPath(_options.DataDirectory);
        Directory.CreateDirectory(data);
        // Versions, artifacts, logs and runtime state of every app: the platform's alone.
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var tls = ServerTls.Load(_options.TlsCertificatePath, _options.TlsKeyPath, _options.TimeProvider);

        // Fail closed before anything listens: a server runs other people's code, so every defence the machine cannot
        // give must have been given up in words (--allow-weaker-isolation).
        var missing = FunctionRuntime.ProbeMissingDefences(new RuntimeOptions { StateDirectory = Path.Combine(data, "runtime"), NodePath = _options.NodePath });
        var refused = missing.Where(m => !_options.AllowedWeakerIsolation.Contains(m.Defence)).ToList();
        if (refused.Count > 0)
        {
            throw new ServerStartException(new IsolationUnavailableException(refused).Message);
        }

        // Tokens before anything listens: the admin port takes no request it cannot attribute to one.
        _access = Access.Store.AccessStore.Open(data, _options.TimeProvider);
        var (ownerToken, ownerCreated) = Access.OwnerToken.Ensure(data, _access);
        var gatewayEvents = new GatewayEventHub();
        var platformEndpoint = new PlatformEndpointRoutes();
        _events = PlatformEventStore.Open(data);
        var events = _events;
        _registry = new EnvironmentRegistry(new ServerEnvironmentOptions
        {
            DataDirectory = data,
            Address = address,
            FirstPort = _options.AppPort,
            RuntimeEvents = _runtimeEvents,
            PlatformEndpoint = platformEndpoint,
            GatewayEvents = gatewayEvents,
            LoggerFactory = _loggerFactory,
            Events = events,
            KeepWarm = _options.KeepWarm,
            TimeProvider = _options.TimeProvider,
            NodePath = _options.NodePath,
            AllowedWeakerIsolation = _options.AllowedWeakerIsolation,
            Tls = tls,
        });
        var registry = _registry;
        var planner = new DeployPlanner(data, new ArtifactBuilder(timeProvider: _options.TimeProvider));
        _server = new FathomServer(
            new ServerOptions
            {
                Host = _options.Host,
                PublicNames = _options.PublicNames,
                Tls = tls,
                ServeAppTraffic = false,
                AdminPort = _options.AdminPort,
                DataDirectory = data,
                TimeProvider = _options.TimeProvider,
                TimeScale = _options.TimeScale,
                LogRetention = _options.LogRetention,
                MetricRetention = _options.MetricRetention,
                KeepWarm = _options.KeepWarm,
                Access = new Access.AccessOptions { Mode = Access.AccessMode.Tokens, Store = _access, OwnerToken = ownerToken },
                NotifyAllow = _options.NotifyAllow,
            },
            services =>
            {
                services.AddLogging(logging => logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
                services.AddSingleton(_runtimeEvents);
                services.AddSingleton(gatewayEvents);
                services.AddSingleton(platformEndpoint);
                services.AddSingleton(events);
                services.AddFathomEnvironments(registry);
                // The status endpoint's route table when a request names no environment.
                services.AddSingleton(new GatewayState());
            },
            endpoints =>
            {
                endpoints.MapArtifactUpload(planner.ArtifactsDirectory);
                endpoints.MapDeploy(registry, planner, _options.TimeProvider);
            });

        // Composed before any environment starts, so telemetry sees every environment's output from its first line.
        _server.Build();
        await registry.RestoreAsync(cancellationToken);
        await _server.StartAsync(cancellationToken);
        var sentry = _server.Services.GetService<SentryProjects>();
        var output = _options.Output;
        await output.WriteLineAsync($"Fathom server: admin API {_server.AdminUrl.ToString().TrimEnd('/')}   (every request needs a token)");
        foreach (var (warning, text) in Fathom.Server.Access.Browser.ExposureNotice.Lines(_options.Host, _server.Hosts, tls is not null))
        {
            await output.WriteLineAsync(warning ? "warning: " + text : text);
        }

        await output.WriteLineAsync($"Data: {data}");
        if (ownerCreated)
        {
            // Shown this once; afterwards it is in the owner-token file and each run's server.json (both 0600).
            await output.WriteLineAsync($"Owner token (admin; shown once, kept in {Path.Combine(data, Access.OwnerToken.FileName)}): {ownerToken}");
        }

        await output.WriteLineAsync(missing.Count == 0
            ? "Isolation: every sandbox defence"
            : $"Isolation: WEAKER, as allowed by --allow-weaker-isolation: without {string.Join(", ", missing.Select(m => m.Name))}");
        foreach (var environment in registry.All)
        {
            sentry?.GetOrCreate(environment.App, environment.Name);
            await output.WriteLineAsync($"  {environment.App}/{environment.Name}: {environment.Url?.ToString().TrimEnd('/') ?? $"port {environment.Record?.Port} unavailable"}");
        }

        await output.WriteLineAsync(registry.All.Count == 0
            ? "No environments yet: deploy one with 'fathom deploy DIR --env NAME'. Ctrl+C to stop."
            : "Ctrl+C to stop.");
        await output.FlushAsync(cancellationToken);
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Fathom.Apps;
using Fathom.Apps.Overrides;
using Fathom.Deployments.LambdaApi;
using Fathom.Deployments.Releases;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Routing;
using Fathom.Packaging.Artifacts;
using Fathom.Platform.Events;
using Fathom.Runtime.Events;
using Fathom.Runtime.Hosting;
using Fathom.Server.Environments;
using Fathom.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Up;

/// <summary><c>fathom up</c>: an embedded server with one environment (<c>local</c>) serving one SAM app. Every build
/// publishes version N+1 of each changed function and moves its alias; routes resolve route → alias → version, so
/// a reload is an alias flip and in-flight requests finish on the old environments.</summary>
public sealed partial class UpHost : IAsyncDisposable
{
    private readonly UpOptions _options;
    private readonly ConsoleReporter _console;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly ConcurrentDictionary<string, byte> _reportedInitErrors = new(StringComparer.Ordinal);
    private AppModel _app = null!;
    private string _dataDirectory = null!;
    private EnvVarsFile? _envVars;
    private FunctionRuntime? _runtime;
    private DeploymentStore? _store;
    private PlatformEventStore? _events;
    private Alerting.EnvironmentNotificationChannels? _notifications;
    private AppEnvironment? _environment;
    private FunctionBuilder? _builder;
    private FathomServer? _server;
    private SourceWatcher? _watcher;
    private EventSubscription<RuntimeEvent>? _output;
    private Task _outputPump = Task.CompletedTask;
    private volatile bool _muteOutput;

    private UpHost(UpOptions options)
    {
        _options = options;
        _console = new ConsoleReporter(options.Output, options.Color);
        // The runtime's sandbox warnings are printed as plain console lines instead (ReportIsolation).
        _loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter(typeof(FunctionRuntime).FullName, LogLevel.Error));
    }

    public Uri AppUrl => _server?.AppUrl ?? throw new InvalidOperationException("Not started.");

    /// <summary>Who <c>fathom up</c>'s releases are recorded as.</summary>
    private static string Actor => $"fathom up ({Environment.UserName})";

    public Uri AdminUrl => _server?.AdminUrl ?? throw new InvalidOperationException("Not started.");

    /// <summary>Loads, builds and serves the app.</summary>
    /// <exception cref="UpException">The app is invalid, a build failed, or a port is in use.</exception>
    public static async Task<UpHost> StartAsync(UpOptions options, CancellationToken cancellationToken)
    {
        var host = new UpHost(options);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            // Environments warmed during the failed start die with it; their complaints would bury the real error.
            host._muteOutput = true;
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _watcher?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_environment is not null)
        {
            // Stops its runtime and closes its store.
            await _environment.DisposeAsync();
        }
        else
        {
            if (_runtime is not null)
            {
                await _runtime.DisposeAsync();
            }

            _store?.Dispose();
        }

        _events?.Dispose();
        _output?.Dispose();
        await _outputPump;
        _loggerFactory.Dispose();
        _reloadLock.Dispose();
        _stopping.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _app = Load() ?? throw new UpException("the app is not valid; fix the errors above and run again");
        _dataDirectory = Path.Combine(_app.AppDirectory, ".fathom");
        PrepareDataDirectory(_dataDirectory);
        if (_options.EnvVarsPath is { } envVarsPath)
        {
            try
            {
                _envVars = EnvVarsFile.Load(envVarsPath);
            }
            catch (EnvVarsFileException e)
            {
                throw new UpException(e.Message, e);
            }
        }

        X509Certificate2? tls;
        try
        {
            tls = ServerTls.Load(_options.TlsCertificatePath, _options.TlsKeyPath, _options.TimeProvider);
        }
        catch (ServerStartException e)
        {
            throw new UpException(e.Message, e);
        }

        var runtimeOptions = new RuntimeOptions
        {
            NodePath = _options.NodePath,
            StateDirectory = Path.Combine(_dataDirectory, "runtime"),
            Region = _app.Region,
            AccountId = _app.AccountId,
        };
        ApplyRuntimeConfig(_app.Config.Runtime, _app.AppDirectory, runtimeOptions);
        await EnsureRuntimeClientAsync(runtimeOptions, cancellationToken);
        _runtime = new FunctionRuntime(runtimeOptions, _loggerFactory, _options.TimeProvider);
        foreach (var missing in _runtime.MissingDefences)
        {
            // fathom up runs without a defence the machine lacks (a laptop is not a server), but says so, once each.
            _console.Warning($"isolation without {missing.Name}: {missing.Consequence} {missing.Remedy}");
        }

        _output = _runtime.Events.Subscribe();
        _outputPump = Task.Run(PumpOutputAsync, CancellationToken.None);

        // Releases and alias moves are platform events: the store hands them to platform.db after each commit.
        _events = PlatformEventStore.Open(_dataDirectory);
        _store = await DeploymentStore.OpenAsync(_dataDirectory, _app.StackName, "local",
            new DeploymentStoreOptions { TimeProvider = _options.TimeProvider, Events = _events }, cancellationToken);
        await ReservedConcurrencyOverrides.ApplyAsync(_store, _runtime, cancellationToken);
        _builder = new FunctionBuilder(new ArtifactBuilder(timeProvider: _options.TimeProvider), _store, _dataDirectory, _envVars);
        _environment = new AppEnvironment(_store, _runtime, Path.Combine(_dataDirectory, "artifacts"), _options.KeepWarm, _options.TimeProvider, ReportInitError);
        var registry = new EnvironmentRegistry(loggerFactory: _loggerFactory);
        registry.Add(_environment);
        _notifications = new Alerting.EnvironmentNotificationChannels(registry);
        _notifications.Set(_app.StackName, "local", _app);
        var environment = _environment;
        _server = new FathomServer(
            new ServerOptions
            {
                Host = _options.Host,
                PublicNames = _options.PublicNames,
                Tls = tls,
                AppPort = _options.AppPort,
                AdminPort = _options.AdminPort,
                DataDirectory = _dataDirectory,
                TimeProvider = _options.TimeProvider,
                TimeScale = _options.TimeScale,
                LogRetention = _options.LogRetention,
                Telemetry = _options.Telemetry,
                MetricRetention = _options.MetricRetention,
                Metrics = _options.Metrics,
                KeepWarm = _options.KeepWarm,
                NotifyAllow = _options.NotifyAllow,
            },
            services =>
            {
                services.AddLogging(logging => logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
                // The same composition as fathom server, with one environment: it serves the host's app port too.
                services.AddFathomEnvironments(registry);
                services.AddSingleton(environment.Gateway);
                services.AddSingleton(_runtime.Events);
                services.AddSingleton(_runtime.PlatformEndpoint);
                services.AddSingleton(_app.Config.Logs);
                services.AddSingleton(_events);
                services.AddSingleton(_notifications);
            });
        try
        {
            // Composed before the first build, so telemetry sees the first environment's output.
            _server.Build();
        }
        catch (ServerStartException e)
        {
            throw new UpException(e.Message, e);
        }

        await BuildAndActivateAsync(_app, ReleaseReasons.Deploy, cancellationToken);
        if (_options.Watch)
        {
            // Before the server starts: server.json says the app is served, and a file saved from then on must reload.
            _watcher = new SourceWatcher(_app.AppDirectory, TimeSpan.FromMilliseconds(300), _options.TimeProvider, () => _ = ReloadAsync());
        }

        try
        {
            await _server.StartAsync(cancellationToken);
        }
        catch (ServerStartException e)
        {
            throw new UpException(e.Message, e);
        }

        _environment.HostUrl = _server.AppUrl;

        // The app's Sentry project exists from the start, so `fathom errors dsn` has a DSN before any function runs.
        _server.Services.GetService<Fathom.Telemetry.Errors.Sentry.SentryProjects>()?.GetOrCreate(_app.StackName, "local");
        _console.Routes(_app, _server.AppUrl);
        ReportNotEmulated(_app);
        ReportAlarmsNotEvaluated(_app);
        _console.Line($"Admin API, Invoke API: {_server.AdminUrl.ToString().TrimEnd('/')}   (loopback only)");
        _console.Line("No token: any local process can use this server; the browser checks are its defence.");
        foreach (var (warning, text) in Fathom.Server.Access.Browser.ExposureNotice.Lines(_options.Host, _server.Hosts, tls is not null))
        {
            if (warning)
            {
                _console.Warning(text);
            }
            else
            {
                _console.Line(text);
            }
        }

        _console.Line($"Serving {_app.StackName} (environment local). {(_options.Watch ? "Watching for changes; " : "")}Ctrl+C to stop.");
    }

    private async Task BuildAndActivateAsync(AppModel app, string reason, CancellationToken cancellationToken)
    {
        // Routes the template allows but the gateway cannot serve are found before any alias moves, so a failed
        // reload changes nothing and a failed start is one clear line.
        var routes = RouteMapper.Map(app);
        try
        {
            GatewayState.Validate(routes);
        }
        catch (GatewayConfigException e)
        {
            throw new UpException(string.Join("; ", e.Errors), e);
        }

        BuiltFunction[] built;
        try
        {
            built = await Task.WhenAll(app.Functions.Select(f => _builder!.BuildAsync(f, cancellationToken)));
        }
        catch (PackageException e)
        {
            throw new UpException(e.Message, e);
        }

        foreach (var function in built)
        {
            foreach (var warning in function.Package.Warnings)
            {
                _console.Warning(warning);
            }
        }

        // The alias flip is the release (AppEnvironment.ApplyAsync → DeploymentStore.ReleaseAsync): new requests resolve
        // to the new versions from here on; provisioned versions are warm before it.
        var state = _store!.State;
        var planned = built.Select(b =>
        {
            var version = state.Functions[b.Model.Name].Version(b.Version)!;
            return new PlannedFunction(
                new FunctionRelease(b.Model.Name, version.ArtifactHash, version.ConfigHash, version.ConfigJson, b.Alias, version.Description),
                b.Model.ProvisionedConcurrency);
        }).ToList();
        var release = await _environment!.ApplyAsync(new EnvironmentChange(planned, routes, Actor, reason, _options.Load.ParameterOverrides), cancellationToken);
        _environment.Alarms = new Alerting.EnvironmentAlarms(app.Alarms, app.Config.Alarms);
        foreach (var change in release.Functions.Where(c => c.Previous is not null && c.What is not null))
        {
            _console.Line($"{change.Name}: version {change.Previous} → {change.Version} ({change.What} changed)");
        }

        foreach (var name in release.Removed)
        {
            _console.Line($"{name}: removed from the template; stopping it");
        }
    }

    private async Task ReloadAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _reloadLock.WaitAsync();
        try
        {
            if (Load() is not { } app)
            {
                _console.Error("reload failed; still serving the previous version");
                return;
            }

            await BuildAndActivateAsync(app, ReleaseReasons.Reload, _stopping.Token);
            _notifications?.Set(app.StackName, "local", app);
            _app = app;
        }
        catch (UpException e)
        {
            _console.Error(e.Message);
            _console.Error("reload failed; still serving the previous version");
        }
        catch (Exception e) when (e is GatewayConfigException or DeploymentException or IOException)
        {
            _console.Error($"reload failed ({e.Message}); still serving the previous version");
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Nothing awaits a reload: whatever else goes wrong must still be said, and the old version kept.
            _console.Error($"reload failed ({e.GetType().Name}: {e.Message}); still serving the previous version");
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private async Task PumpOutputAsync()
    {
        var reader = _output!.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                if (item is LogLine line && !_muteOutput)
                {
                    _console.Output(line);
                }
            }

            _console.Flush();
        }
    }
}

using System.Net;
using Fathom.Alerting;
using Fathom.Deployments.Api;
using Fathom.Deployments.LambdaApi;
using Fathom.Gateway;
using Fathom.Alerting.Notifications;
using Fathom.Server.Access;
using Fathom.Server.Access.SigV4;
using Fathom.Server.Access.Browser;
using Fathom.Server.Alerting;
using Fathom.Server.Admin;
using Fathom.Server.Metrics;
using Fathom.Server.Environments;
using Fathom.Telemetry;
using Fathom.Telemetry.Metrics.Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Hosting;

/// <summary>The Fathom host: one ASP.NET Core application listening on two ports. The app port serves API
/// Gateway routes; the admin port serves the JSON API under <c>/fathom/v1</c> and the Lambda Invoke API.
/// The host supplies <see cref="Fathom.Runtime.Invocations.IFunctionInvoker"/>,
/// <see cref="Fathom.Gateway.Functions.IFunctionResolver"/>, <see cref="Fathom.Gateway.Functions.IFunctionCatalog"/>
/// and optionally a <see cref="Fathom.Gateway.Routing.GatewayState"/> through <c>configureServices</c>.</summary>
public sealed partial class FathomServer : IAsyncDisposable
{
    private const string AdminConnection = "fathom.admin";
    private readonly ServerOptions _options;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly Action<IEndpointRouteBuilder>? _mapAdminEndpoints;
    private WebApplication? _app;
    private WebApplication? _built;
    private ListenOptions? _appListen;
    private ListenOptions? _adminListen;
    private string? _infoPath;
    private AdminHosts _hosts = AdminHosts.LoopbackOnly;

    /// <param name="options">Ports, host, data directory, time.</param>
    /// <param name="configureServices">Registers the pluggable services (invoker, resolver, catalog, route table, logging).</param>
    /// <param name="mapAdminEndpoints">Adds more endpoints to the admin port.</param>
    public FathomServer(ServerOptions options, Action<IServiceCollection>? configureServices = null, Action<IEndpointRouteBuilder>? mapAdminEndpoints = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _configureServices = configureServices;
        _mapAdminEndpoints = mapAdminEndpoints;
    }

    /// <summary>The app traffic URL, with the port actually bound. Available after <see cref="StartAsync"/> on a host that
    /// serves app traffic itself (<see cref="ServerOptions.ServeAppTraffic"/>).</summary>
    public Uri AppUrl => UrlFor(_appListen);

    /// <summary><see cref="AppUrl"/>, or null when each environment has a port of its own (<c>fathom server</c>).</summary>
    public Uri? OwnAppUrl => _options.ServeAppTraffic ? AppUrl : null;

    /// <summary>The admin URL, with the port actually bound. Available after <see cref="StartAsync"/>.</summary>
    public Uri AdminUrl => UrlFor(_adminListen);

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The names the admin port answers to. Available after <see cref="Build"/>.</summary>
    public AdminHosts Hosts => _hosts;

    /// <summary>The host's services. Available after <see cref="StartAsync"/>.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Composes the host without listening yet: every feature's services exist from here on, so the
    /// telemetry pipeline is subscribed to the runtime before the first environment starts. Called by
    /// <see cref="StartAsync"/> when not called before.</summary>
    /// <exception cref="ServerStartException">A port or the host is not valid.</exception>
    public void Build()
    {
        if (_built is not null)
        {
            return;
        }

        var address = ParseHost(_options.Host);
        if (_options.Access.Mode == AccessMode.Local && !IPAddress.IsLoopback(address))
        {
            // Without tokens, anyone who can reach the admin port could invoke functions and read their configuration.
            throw new ServerStartException(
                $"--host {_options.Host}: fathom up has no tokens, so it serves loopback only; use fathom server (tokens, --public-name, TLS) to serve beyond this machine");
        }

        try
        {
            _hosts = AdminHosts.Create(address, _options.PublicNames);
        }
        catch (ArgumentException e)
        {
            throw new ServerStartException(e.Message, e);
        }

        foreach (var port in (int[])[_options.AppPort, _options.AdminPort])
        {
            if (port is < 0 or > 65535)
            {
                throw new ServerStartException($"port {port} is not a valid port number (0-65535; 0 picks a free port)");
            }
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(FathomServer).Assembly.GetName().Name,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (_options.ServeAppTraffic)
            {
                kestrel.Listen(address, _options.AppPort, listen =>
                {
                    _appListen = listen;
                    UseTls(listen);
                });
            }

            kestrel.Listen(address, _options.AdminPort, listen =>
            {
                _adminListen = listen;
                UseTls(listen);

                // Tag admin connections so one pipeline can tell the two ports apart, even for port 0.
                listen.Use(next => connection =>
                {
                    connection.Items[AdminConnection] = true;
                    return next(connection);
                });
            });
        });
        // A failed start is rethrown to the caller, which reports it in one line (a port in use); the host's own
        // "Hosting failed to start" error would print the same failure again as a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // The dashboard's cookie keys live in the data directory (0700); "no XML encryptor configured" on every first start
        // tells an operator nothing to act on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        var services = builder.Services;
        services.AddSingleton(_options.TimeProvider);
        services.AddSingleton(_options.TimeScale);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new UtcTimeJsonConverter()));
        services.AddFathomGateway();
        services.AddFathomAccess(_options.Access);
        services.AddFathomSigV4();
        services.AddFathomBrowser(_options.DataDirectory);
        var telemetry = _options.DataDirectory is not null && _options.Telemetry;
        if (telemetry)
        {
            services.AddFathomTelemetry(o =>
            {
                o.DataDirectory = _options.DataDirectory!;
                o.Retention = _options.LogRetention;
            });
            services.AddFathomPrometheus();
            services.AddSingleton<ILiveVersions, DeploymentLiveVersions>();
            services.AddFathomMetrics(o => (o.DataDirectory, o.Retention, o.Record) = (_options.DataDirectory!, _options.MetricRetention, _options.Metrics));
            services.AddFathomAlerting(this, _options);
        }

        _configureServices?.Invoke(services);

        var app = builder.Build();
        app.MapWhen(context => !IsAdmin(context), branch => branch.RunFathomGateway());
        var hosts = _hosts;
        app.Use(async (context, next) =>
        {
            // Before anything else on the admin port: a wrong Host or another web origin never reaches an endpoint.
            if (!await BrowserSafety.AllowAsync(context, hosts))
            {
                return;
            }

            AwsPathPrefix.Apply(context);
            await next(context);
        });

        // Routing runs after the prefix is removed, so /aws/{app}/{env}/2015-03-31/... matches the Invoke API's routes.
        app.UseRouting();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseFathomAccess();
        app.Use(async (context, next) =>
        {
            if (!await AwsPathPrefix.RefusePendingAsync(context))
            {
                await next(context);
            }
        });
        app.MapLambdaInvokeApi();
        app.MapFathomLambdaManagement();
        app.MapAdminApi(this);
        app.MapFathomAccess();
        app.MapFathomBrowser();
        app.MapFathomDeployments();
        if (app.Services.GetService<EnvironmentRegistry>() is not null)
        {
            app.MapEnvironments();
        }

        if (telemetry)
        {
            app.MapFathomTelemetry();
            app.MapFathomPrometheus();
            app.MapFathomMetrics();
            app.MapPlatformEvents();
            app.MapFathomAlarms();
            app.MapFathomNotifications();
        }

        _mapAdminEndpoints?.Invoke(app);

        // Creating the hosted services now (the host would at start) subscribes them to the events they consume.
        _ = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ToList();
        _built = app;
    }

    /// <summary>Binds both ports and writes <c>server.json</c>.</summary>
    /// <exception cref="ServerStartException">A port is in use or the host is not an address.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The server has already been started.");
        }

        Build();
        var app = _built!;
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            // Stopped, not only disposed: background services already started end as a stop, not as a crash the host
            // reports beside the one-line error.
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            _built = null;
            throw new ServerStartException(PortInUseMessage(e), e);
        }

        _app = app;
        var now = _options.TimeProvider.GetUtcNow();
        StartedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        if (_options.DataDirectory is { } directory)
        {
            var info = new ServerInfo(OwnAppUrl?.ToString().TrimEnd('/'), AdminUrl.ToString().TrimEnd('/'), Environment.ProcessId, StartedAt, _options.Access.OwnerToken);
            _infoPath = ServerInfoFile.Write(directory, info);
        }

        LogStarted(app.Services.GetRequiredService<ILogger<FathomServer>>(), OwnAppUrl?.ToString() ?? "each environment's own port", AdminUrl);
    }

    /// <summary>Stops accepting requests, lets in-flight ones finish and removes <c>server.json</c>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is null)
        {
            return;
        }

        try
        {
            await _app.StopAsync(cancellationToken);
        }
        finally
        {
            if (_infoPath is not null)
            {
                File.Delete(_infoPath);
                _infoPath = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null)
        {
            if (_built is not null)
            {
                await _built.DisposeAsync();
                _built = null;
            }

            return;
        }

        await StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    private static bool IsAdmin(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(AdminConnection) == true;

    /// <summary>The address to bind: an IP address or <c>localhost</c>. Beyond loopback, the admin port answers only the
    /// names in <see cref="Hosts"/>.</summary>
    internal static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new ServerStartException($"--host '{host}' is not an IP address or 'localhost'");
    }

    private void UseTls(ListenOptions listen)
    {
        if (_options.Tls is { } certificate)
        {
            listen.UseHttps(certificate);
        }
    }

    private string PortInUseMessage(IOException e)
    {
        var adminInUse = _options.AdminPort != 0 && _options.AdminPort != _options.AppPort
            && e.Message.Contains(":" + _options.AdminPort, StringComparison.Ordinal);
        return adminInUse
            ? $"port {_options.AdminPort} is already in use; pass --admin-port 0 to pick a free port, or stop the process using it"
            : $"port {_options.AppPort} is already in use; pass --port 0 to pick a free port, or stop the process using it";
    }

    private Uri UrlFor(ListenOptions? listen)
    {
        if (_app is null || listen is null)
        {
            throw new InvalidOperationException("The server has not started.");
        }

        var endpoint = listen.IPEndPoint!;
        var host = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback.ToString()
            : endpoint.Address.Equals(IPAddress.IPv6Any) ? "[::1]"
            : endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]"
            : endpoint.Address.ToString();
        return new Uri($"{(_options.Tls is null ? "http" : "https")}://{host}:{endpoint.Port}/");
    }
}

using Fathom.Apps;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Functions;
using Fathom.Gateway.Routing;
using Fathom.Packaging.Artifacts;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;
using Fathom.Server.Environments;
using Fathom.Server.Hosting;
using Fathom.Server.Up;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Tests.Support;

/// <summary>A <see cref="FathomServer"/> (not started) over the real parts <c>fathom up</c> wires into it: a one-function
/// SAM app built and published as version 1 behind alias <c>live</c> in a real deployment store (SQLite in a temp
/// directory), its route table, and the real runtime loading published versions on demand.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          hello:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: "exports.handler = async () => 'hello from ' + process.env.AWS_LAMBDA_FUNCTION_VERSION;"
              Handler: index.handler
              Runtime: nodejs20.x
              Events:
                Hello:
                  Type: HttpApi
                  Properties: {Path: /hello, Method: GET}
        """;

    private readonly TempDirectory _directory;
    private readonly DeploymentStore _store;
    private readonly FunctionRuntime _runtime;

    private TestServer(TempDirectory directory, DeploymentStore store, FunctionRuntime runtime, FathomServer server)
    {
        _directory = directory;
        _store = store;
        _runtime = runtime;
        Server = server;
    }

    public FathomServer Server { get; }

    /// <summary>The data directory: <c>.fathom</c> of the app, as under <c>fathom up</c>.</summary>
    public string DataDirectory => _directory.Combine(".fathom");

    /// <param name="routes">Routes to serve instead of the app's own (they may send requests to <c>hello</c>, alias <c>live</c>).</param>
    /// <param name="template">A template instead of the default one-function app.</param>
    /// <param name="configure">Changes the server's options (public names, TLS).</param>
    /// <param name="mapAdminEndpoints">Extra admin endpoints, as a host would add them.</param>
    /// <param name="services">Registers more services after the standard ones (e.g. an access-key store).</param>
    public static async Task<TestServer> CreateAsync(
        int appPort = 0,
        int adminPort = 0,
        IReadOnlyList<GatewayRoute>? routes = null,
        string? template = null,
        Action<ServerOptions>? configure = null,
        Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder>? mapAdminEndpoints = null,
        Action<IServiceCollection>? services = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = new TempDirectory("fathom-server");
        directory.Write("template.yaml", template ?? Template);
        var data = directory.Combine(".fathom");
        var loaded = AppLoader.Load(directory.Path, AppLoadOptions.Default);
        loaded.Errors.Should().BeEmpty();
        var app = loaded.Model!;
        var store = await DeploymentStore.OpenAsync(data, "app", "local", cancellationToken: ct);
        foreach (var function in app.Functions)
        {
            var built = await new FunctionBuilder(new ArtifactBuilder(), store, data, envVars: null).BuildAsync(function, ct);
            await store.SetAliasAsync(function.Name, built.Alias, built.Version, cancellationToken: ct);
        }

        var runtime = new FunctionRuntime(new RuntimeOptions { StateDirectory = Path.Combine(data, "runtime"), ShutdownGracePeriod = TimeSpan.FromSeconds(1) });
        var names = app.Functions.Select(f => f.Name).ToList();
        var options = new ServerOptions { AppPort = appPort, AdminPort = adminPort, DataDirectory = data };
        configure?.Invoke(options);
        var server = new FathomServer(
            options,
            registrations =>
            {
                registrations.AddLogging(b => b.ClearProviders());
                registrations.AddSingleton<IFunctionInvoker>(new OnDemandInvoker(runtime, store, Path.Combine(data, "artifacts")));
                registrations.AddSingleton<IFunctionResolver>(new DeploymentResolver(store));
                registrations.AddSingleton<IFunctionCatalog>(new AppCatalog(store, () => names));
                registrations.AddSingleton(new GatewayState(routes ?? RouteMapper.Map(app)));
                services?.Invoke(registrations);
            },
            mapAdminEndpoints);
        return new TestServer(directory, store, runtime, server);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _runtime.DisposeAsync();
        _store.Dispose();
        _directory.Dispose();
    }
}

using Fathom.Deployments.Environments;
using Fathom.Deployments.LambdaApi;
using Fathom.Deployments.Versions;
using Fathom.Gateway;
using Fathom.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Deployments.Tests.LambdaApi;

/// <summary>The management API on real Kestrel at 127.0.0.1:0 over real stores of two environments (app <c>shop</c>,
/// <c>dev</c> and <c>prod</c>), with the host's <c>/aws/{app}/{env}</c> prefix handling done the way the server does it:
/// stripped, the names put in <see cref="HttpContext.Items"/>.</summary>
internal sealed class ManagementHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ManagementHost(WebApplication app, DeploymentStore dev, DeploymentStore prod, RecordingConcurrency concurrency)
    {
        _app = app;
        Dev = dev;
        Prod = prod;
        Concurrency = concurrency;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public DeploymentStore Dev { get; }

    public DeploymentStore Prod { get; }

    public RecordingConcurrency Concurrency { get; }

    public static async Task<ManagementHost> StartAsync(string dataDirectory)
    {
        var dev = await DeploymentStore.OpenAsync(dataDirectory, "shop", "dev");
        var prod = await DeploymentStore.OpenAsync(dataDirectory, "shop", "prod");
        foreach (var store in (DeploymentStore[])[dev, prod])
        {
            await store.DeployAsync("Orders", "aa01", "c1", "{}");
            await store.DeployAsync("Orders", "aa02", "c1", "{}");
        }

        var concurrency = new RecordingConcurrency();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddFathomGateway();
        builder.Services.AddOpenAccess();
        builder.Services.AddSingleton<IDeploymentDirectory>(new TwoEnvironments(dev, prod));
        builder.Services.AddSingleton<IReservedConcurrency>(concurrency);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            var segments = context.Request.Path.Value!.Split('/', 5);
            if (segments is ["", "aws", var appName, var environment, var rest])
            {
                context.Items[EnvironmentSelection.AppKey] = appName;
                context.Items[EnvironmentSelection.EnvironmentKey] = environment;
                context.Request.Path = "/" + rest;
            }

            return next(context);
        });
        app.UseRouting();
        app.UseAuthorization();
        app.MapLambdaInvokeApi();
        app.MapFathomLambdaManagement();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ManagementHost(app, dev, prod, concurrency);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        Dev.Dispose();
        Prod.Dispose();
    }

    private sealed class TwoEnvironments(DeploymentStore dev, DeploymentStore prod) : IDeploymentDirectory
    {
        public IReadOnlyList<DeploymentStore> Environments { get; } = [dev, prod];

        public DeploymentStore? Find(string app, string environment) =>
            Environments.FirstOrDefault(s => s.App == app && s.Environment == environment);
    }
}

/// <summary>What the management API asked the runtime to enforce.</summary>
internal sealed class RecordingConcurrency : IReservedConcurrency
{
    public List<(string App, string Environment, string Function, int? Reserved)> Calls { get; } = [];

    public void SetReservedConcurrency(string app, string environment, string function, int? reserved)
    {
        lock (Calls)
        {
            Calls.Add((app, environment, function, reserved));
        }
    }
}

using Fathom.Gateway;
using Fathom.Gateway.Functions;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;
using Fathom.Runtime.Invocations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Environments;

/// <summary>One environment's app-traffic port under <c>fathom server</c>. Kestrel cannot add a listener once started,
/// and environments appear with their first deploy, so each gets a small web host of its own that runs only the gateway
/// over the environment's routes, resolver and invoker, and publishes to the host's one <see cref="GatewayEventHub"/>.</summary>
internal sealed class EnvironmentListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EnvironmentListener(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <exception cref="EnvironmentPortException">The port is in use or cannot be bound.</exception>
    public static async Task<EnvironmentListener> StartAsync(AppEnvironment environment, EnvironmentListenerOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(EnvironmentListener).Assembly.GetName().Name,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Address, options.Port, listen =>
            {
                if (options.Tls is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.LoggerFactory);
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton(options.GatewayEvents);
        builder.Services.AddSingleton<IFunctionInvoker>(environment.Invoker);
        builder.Services.AddSingleton<IFunctionResolver>(environment.Resolver);
        builder.Services.AddSingleton<IFunctionCatalog>(environment.Catalog);
        builder.Services.AddSingleton<GatewayState>(environment.Gateway);
        builder.Services.AddFathomGateway();
        var app = builder.Build();
        app.RunFathomGateway();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            var inUse = e.InnerException is AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
            throw new EnvironmentPortException(
                inUse
                    ? $"port {options.Port} for {environment.App}/{environment.Name} is already in use"
                    : $"port {options.Port} for {environment.App}/{environment.Name} cannot be bound: {e.Message}", e);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Kestrel reports the scheme it serves: https:// under --tls-cert.
        return new EnvironmentListener(app, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

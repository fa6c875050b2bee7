using Fathom.Gateway.Authorizers;
using Fathom.Gateway.Authorizers.Jwt;
using Fathom.Gateway.Invoke;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Fathom.Gateway;

/// <summary>Registers the gateway and the Invoke API.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>Adds the gateway's services. The host registers <see cref="Fathom.Runtime.Invocations.IFunctionInvoker"/>,
    /// <see cref="Functions.IFunctionResolver"/> and <see cref="Functions.IFunctionCatalog"/>; a <see cref="GatewayState"/>
    /// (empty) and <see cref="TimeProvider.System"/> are added unless already registered.</summary>
    public static IServiceCollection AddFathomGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<GatewayOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayState>();
        services.TryAddSingleton<GatewayEventHub>();
        services.TryAddSingleton<GatewayRequestHandler>();
        services.TryAddSingleton<AuthorizerCache>();
        services.TryAddSingleton<JwksProvider>();
        services.TryAddSingleton<LambdaAuthorizer>();
        services.TryAddSingleton<JwtAuthorizer>();
        services.TryAddSingleton<RouteAuthorizer>();
        services.TryAddSingleton<InvokeApiHandler>();
        services.TryAddSingleton<BackgroundInvocations>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BackgroundInvocations>(sp => sp.GetRequiredService<BackgroundInvocations>()));
        return services;
    }
}

using Fathom.Deployments.Environments;
using Fathom.Deployments.LambdaApi;
using Fathom.Runtime.Hosting;
using Fathom.Server.Metrics;
using Fathom.Telemetry.Metrics.Prometheus;
using Fathom.Gateway.Functions;
using Fathom.Runtime.Invocations;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Environments;

/// <summary>Registers the host's app environments for the admin features: the directory they select from, and the
/// resolver, catalog and invoker the Invoke API uses, each answering for the environment a request addresses.</summary>
internal static class EnvironmentServiceCollectionExtensions
{
    public static IServiceCollection AddFathomEnvironments(this IServiceCollection services, EnvironmentRegistry registry)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(registry);
        services.AddSingleton<IDeploymentDirectory>(registry);
        services.AddSingleton<SelectedEnvironmentFunctions>();
        services.AddSingleton<IFunctionResolver>(sp => sp.GetRequiredService<SelectedEnvironmentFunctions>());
        services.AddSingleton<IFunctionCatalog>(sp => sp.GetRequiredService<SelectedEnvironmentFunctions>());
        services.AddSingleton<IFunctionInvoker>(sp => sp.GetRequiredService<SelectedEnvironmentFunctions>());

        // The Lambda management API's seams and the Prometheus exposition's environment counts, over every environment.
        services.AddSingleton<IFunctionVersionDescriber, VersionDescriber>();
        services.AddSingleton<IReservedConcurrency>(registry);
        services.AddSingleton<IEnvironmentCounts>(new RuntimeEnvironmentCounts(registry));
        return services;
    }
}

using Fathom.Runtime.Invocations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.Hosting;

/// <summary>Registers the runtime host in a service container.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>Adds one <see cref="FunctionRuntime"/> (also as <see cref="IFunctionInvoker"/>); the container disposes it.</summary>
    public static IServiceCollection AddFathomRuntime(this IServiceCollection services, Action<RuntimeOptions>? configure = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            var options = new RuntimeOptions();
            configure?.Invoke(options);
            return new FunctionRuntime(options, provider.GetService<ILoggerFactory>(), provider.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IFunctionInvoker>(provider => provider.GetRequiredService<FunctionRuntime>());
        return services;
    }
}

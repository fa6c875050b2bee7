using Fathom.Deployments.Versions;
using Fathom.Runtime.Hosting;

namespace Fathom.Deployments.LambdaApi;

/// <summary>Reserved concurrency set through PutFunctionConcurrency outlives a restart: a host applies an environment's
/// kept values to its runtime once, before that environment's first version loads.</summary>
public static class ReservedConcurrencyOverrides
{
    public static async Task ApplyAsync(DeploymentStore store, IReservedConcurrency runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runtime);
        foreach (var (function, reserved) in await store.ListReservedConcurrencyAsync(cancellationToken).ConfigureAwait(false))
        {
            runtime.SetReservedConcurrency(store.App, store.Environment, function, reserved);
        }
    }
}

using System.Globalization;
using Fathom.Server.Environments;
using Fathom.Telemetry.Metrics.Prometheus;

namespace Fathom.Server.Metrics;

/// <summary>Environments per version from each app environment's runtime pools, for every version the deployments know that has
/// environments running or is live (so a live version scaled to zero reads 0, not nothing).</summary>
internal sealed class RuntimeEnvironmentCounts(EnvironmentRegistry registry) : IEnvironmentCounts
{
    public IReadOnlyList<EnvironmentCount> Current()
    {
        var counts = new List<EnvironmentCount>();
        foreach (var environment in registry.All)
        {
            var (store, runtime) = (environment.Store, environment.Runtime);
            foreach (var deployment in store.State.Functions.Values)
            {
                foreach (var version in deployment.Versions)
                {
                    var label = version.Number.ToString(CultureInfo.InvariantCulture);
                    var count = runtime.EnvironmentCount(deployment.Name, label);
                    if (count > 0 || deployment.Aliases.Values.Any(alias => DeploymentLiveVersions.IsTarget(alias, version.Number)))
                    {
                        counts.Add(new EnvironmentCount(store.App, store.Environment, deployment.Name, label, count));
                    }
                }
            }
        }

        return counts;
    }
}

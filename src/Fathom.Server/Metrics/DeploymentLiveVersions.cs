using System.Globalization;
using Fathom.Deployments.Environments;
using Fathom.Deployments.Versions;
using Fathom.Telemetry.Metrics.Prometheus;

namespace Fathom.Server.Metrics;

/// <summary>Live versions from the deployments: those an alias points at now, as primary or as its routing's additional
/// version (a canary). Reads the environment's current snapshot, so it takes no lock.</summary>
/// <param name="directories">The host's deployment directory; none (a host without deployments) means nothing is live.</param>
internal sealed class DeploymentLiveVersions(IEnumerable<IDeploymentDirectory> directories) : ILiveVersions
{
    private readonly IDeploymentDirectory? _directory = directories.FirstOrDefault();

    public bool IsLive(string app, string environment, string function, string version)
    {
        if (_directory?.Find(app, environment)?.State.Functions.GetValueOrDefault(function) is not { } deployment
            || !int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        return deployment.Aliases.Values.Any(alias => IsTarget(alias, number));
    }

    internal static bool IsTarget(FunctionAlias alias, int number) =>
        alias.Version == number || alias.Routing?.AdditionalVersion == number;
}

using Fathom.Deployments.Versions;

namespace Fathom.Deployments.Environments;

/// <summary>The directory of a host serving exactly one app environment (<c>fathom up</c>).</summary>
public sealed class SingleDeploymentDirectory(DeploymentStore store) : IDeploymentDirectory
{
    public IReadOnlyList<DeploymentStore> Environments { get; } = [store];

    public DeploymentStore? Find(string app, string environment) =>
        string.Equals(app, store.App, StringComparison.Ordinal) && string.Equals(environment, store.Environment, StringComparison.Ordinal)
            ? store
            : null;
}

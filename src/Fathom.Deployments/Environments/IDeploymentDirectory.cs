using Fathom.Deployments.Versions;

namespace Fathom.Deployments.Environments;

/// <summary>Every app environment the host serves, each with its own <see cref="DeploymentStore"/>. <c>fathom up</c>
/// registers one (its app, environment <c>local</c>); <c>fathom server</c> one per deployed environment, growing as
/// first deploys create them. Admin endpoints find the environment a request addresses through
/// <see cref="EnvironmentSelection"/>.</summary>
public interface IDeploymentDirectory
{
    /// <summary>The environments, in a stable order (app, then environment).</summary>
    IReadOnlyList<DeploymentStore> Environments { get; }

    /// <summary>One environment, or null when it does not exist.</summary>
    DeploymentStore? Find(string app, string environment);
}

namespace Fathom.Deployments.Versions;

/// <summary>The release asked for does not exist in the environment (a 404).</summary>
public sealed class ReleaseNotFoundException(string message) : DeploymentException(message);

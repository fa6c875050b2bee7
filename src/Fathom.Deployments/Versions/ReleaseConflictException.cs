namespace Fathom.Deployments.Versions;

/// <summary>The release exists but cannot be made live: it is already live, there is nothing earlier, or one of its
/// versions is gone (a 409).</summary>
public sealed class ReleaseConflictException(string message) : DeploymentException(message);

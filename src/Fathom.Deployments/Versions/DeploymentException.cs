namespace Fathom.Deployments.Versions;

/// <summary>A deployment request that cannot be carried out, e.g. an alias pointed at a version that does not exist.</summary>
public class DeploymentException(string message) : Exception(message);

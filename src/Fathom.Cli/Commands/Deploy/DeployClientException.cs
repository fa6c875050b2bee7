namespace Fathom.Cli.Commands.Deploy;

/// <summary>A deploy stopped on this side (a build or an upload), with the reason for the user.</summary>
internal sealed class DeployClientException(string message) : Exception(message);

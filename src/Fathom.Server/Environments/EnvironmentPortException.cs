namespace Fathom.Server.Environments;

/// <summary>An environment's app-traffic port could not be bound; the message says which and why.</summary>
internal sealed class EnvironmentPortException(string message, Exception? inner = null) : Exception(message, inner);

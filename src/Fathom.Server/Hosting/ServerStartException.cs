namespace Fathom.Server.Hosting;

/// <summary>The server could not start, with a message meant for the user (e.g. a port in use).</summary>
public sealed class ServerStartException(string message, Exception? innerException = null) : Exception(message, innerException);

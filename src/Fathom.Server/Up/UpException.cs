namespace Fathom.Server.Up;

/// <summary>The app cannot be served: invalid template, failed build, port in use. The message is for the user.</summary>
public sealed class UpException(string message, Exception? inner = null) : Exception(message, inner);

namespace Fathom.Cli;

/// <summary>A mistake in how a command was called; the command exits with 2 and this message.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

namespace Fathom.Apps.Overrides;

/// <summary>An <c>--env-vars</c> file that cannot be used; the message names the file and, for bad JSON, line and column.</summary>
public sealed class EnvVarsFileException(string message) : Exception(message);

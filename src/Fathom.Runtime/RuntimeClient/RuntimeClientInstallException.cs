namespace Fathom.Runtime.RuntimeClient;

/// <summary>The Node runtime client could not be installed; the message says why and what to install.</summary>
public sealed class RuntimeClientInstallException(string message) : Exception(message);

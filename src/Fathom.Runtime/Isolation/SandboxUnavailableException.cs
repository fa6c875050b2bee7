namespace Fathom.Runtime.Isolation;

/// <summary>An environment could not get a defence its host runs with (a cgroup, a namespace, the store): it must
/// fail to start rather than start weaker.</summary>
public sealed class SandboxUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SandboxUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

namespace Fathom.Runtime.Isolation;

/// <summary>How an environment's network is set up.</summary>
internal enum SandboxNetworkMode
{
    /// Shares the platform's network: the Runtime API is a host loopback port (isolation off).
    Host,

    /// Joins a <see cref="NetworkNamespace"/> that holds the platform-created Runtime API socket (the default).
    Namespace,

    /// Own empty namespace; socat inside relays 127.0.0.1:9001 to a bind-mounted Unix socket (fallback).
    UnixRelay,
}

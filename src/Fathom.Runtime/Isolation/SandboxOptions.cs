namespace Fathom.Runtime.Isolation;

/// <summary>Platform-wide isolation settings.</summary>
internal sealed class SandboxOptions
{
    /// Runs environments under bubblewrap where it works; false runs plain processes.
    public bool Enabled { get; set; } = true;

    /// Gives each environment its own network namespace with only loopback.
    public bool IsolateNetwork { get; set; } = true;

    /// Default for outbound network (slirp4netns) when a function does not say; per function it can be turned off.
    public bool OutboundNetwork { get; set; } = true;

    /// Enforces MemorySize and the pids limit with cgroups (or the RSS watchdog where no cgroup is writable).
    public bool EnforceLimits { get; set; } = true;

    /// Most processes (threads count) one environment may have; stops fork bombs.
    public int PidsLimit { get; set; } = 256;

    /// Uid and gid the function sees inside the sandbox (Lambda's sbx_user1051 style user).
    public int SandboxUid { get; set; } = 993;

    /// <summary>
    /// Host uid bwrap runs as (via setpriv) when set, so the sandbox is not host root for file access. Needs the
    /// code and runtime directories to be readable by that uid, which a data directory under /root is not.
    /// </summary>
    public int? HostUid { get; set; }
}

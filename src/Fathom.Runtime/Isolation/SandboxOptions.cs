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

    /// <summary>When the platform runs as root, runs bubblewrap as an unprivileged host uid (<see cref="SandboxIdentity"/>)
    /// so the sandbox user is not host root. Off only to measure what it costs.</summary>
    public bool DropIdentity { get; set; } = true;

    /// Installs the seccomp filter (<see cref="SeccompFilter"/>). Off only to measure what it costs.
    public bool Seccomp { get; set; } = true;

    /// <summary>Where the sandbox store and uid locks live; null takes <see cref="SandboxStore.DefaultRoot"/>.</summary>
    public string? Directory { get; set; }
}

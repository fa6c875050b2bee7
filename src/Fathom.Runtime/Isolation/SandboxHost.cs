namespace Fathom.Runtime.Isolation;

/// <summary>
/// What every sandbox of one runtime host shares: the options, what the machine supports, the store of bound
/// folders, the unprivileged host uid (as root), the seccomp program, and a root-only folder for per-environment
/// files (bubblewrap's argument files, relay sockets).
/// </summary>
internal sealed class SandboxHost : IDisposable
{
    private SandboxHost(SandboxOptions options, SandboxCapabilities capabilities, string stateDirectory)
    {
        Options = options;
        Capabilities = capabilities;
        StateDirectory = stateDirectory;
    }

    public SandboxOptions Options { get; }

    public SandboxCapabilities Capabilities { get; }

    /// A folder only the platform reads (0700).
    public string StateDirectory { get; }

    /// The store, when bubblewrap works.
    public SandboxStore? Store { get; private init; }

    /// The host uid sandboxes run as, when the platform runs as root.
    public SandboxIdentity? Identity { get; private init; }

    /// The seccomp program for this architecture, when the filter is on.
    public string? SeccompFile { get; private init; }

    /// <summary>Sets up the shared parts: the store and the uid only when bubblewrap works and the sandbox is on.</summary>
    public static SandboxHost Create(SandboxOptions options, SandboxCapabilities capabilities, string stateDirectory, TimeProvider timeProvider)
    {
        var state = Path.Combine(stateDirectory, "sandbox");
        Directory.CreateDirectory(state);
        File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!options.Enabled || !capabilities.BubblewrapWorks)
        {
            return new SandboxHost(options, capabilities, state);
        }

        var store = SandboxStore.Open(options.Directory ?? SandboxStore.DefaultRoot(), timeProvider);
        string? seccomp = null;
        if (options.Seccomp && capabilities.Seccomp)
        {
            seccomp = Path.Combine(state, "seccomp.bpf");
            SeccompFilter.WriteForCurrentArchitecture(seccomp);
        }

        return new SandboxHost(options, capabilities, state)
        {
            Store = store,
            Identity = options.DropIdentity && Libc.geteuid() == 0 ? SandboxIdentity.Acquire(store.LockDirectory) : null,
            SeccompFile = seccomp,
        };
    }

    /// Releases the uid.
    public void Dispose() => Identity?.Dispose();
}

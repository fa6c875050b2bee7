namespace Fathom.Runtime.Isolation;

/// <summary>
/// What isolation this machine supports, probed once per process and cached: bubblewrap present and working, each
/// hardening it can apply (unprivileged identity, seccomp, read-only <c>/proc/sys</c>, no nested user namespaces),
/// entering network namespaces (CAP_SYS_ADMIN), a writable cgroup, slirp4netns and socat. <see cref="Missing"/> names
/// every defence it cannot give, what that means for functions, and what would provide it.
/// </summary>
internal sealed partial class SandboxCapabilities
{
    private static readonly Lazy<SandboxCapabilities> Cached = new(() => Probe(CgroupController.Detect()));

    /// The detected capabilities (probed on first use).
    public static SandboxCapabilities Current => Cached.Value;

    /// bwrap's path, or null.
    public string? BubblewrapPath { get; private init; }

    /// Whether a trial sandbox ran.
    public bool BubblewrapWorks { get; private init; }

    /// Whether the kernel allows user namespaces.
    public bool UserNamespaces { get; private init; }

    /// <summary>Whether sandboxes run as an unprivileged host uid: as root, a trial dropped to one with setpriv; run by
    /// an ordinary user, always.</summary>
    public bool UnprivilegedIdentity { get; private init; }

    /// Whether bubblewrap installed the seccomp filter in a trial.
    public bool Seccomp { get; private init; }

    /// Whether /proc/sys could be bound read-only in a trial.
    public bool ProcSysReadOnly { get; private init; }

    /// Whether bubblewrap refuses nested user namespaces (--disable-userns, bubblewrap 0.8).
    public bool DisableUserNamespaces { get; private init; }

    /// Whether the platform can create and enter network namespaces (the no-relay Runtime API path).
    public bool NetworkNamespaces { get; private init; }

    /// The cgroup controller (may be <see cref="CgroupVersion.None"/>).
    public required CgroupController Cgroups { get; init; }

    /// slirp4netns' path, or null.
    public string? SlirpPath { get; private init; }

    /// socat's path, or null.
    public string? SocatPath { get; private init; }

    /// <summary>Every defence this machine cannot give: those of the sandbox itself and those of <see cref="Cgroups"/>.</summary>
    public IReadOnlyList<MissingDefence> Missing => [.. SandboxGaps, .. CgroupGaps(Cgroups)];

    /// <summary>Plain-words lines for the log: one per missing defence, then lesser gaps (no outbound network, the
    /// slower relay).</summary>
    public IReadOnlyList<string> Warnings => [.. Missing.Select(m => m.ToString()), .. Notes];

    private IReadOnlyList<MissingDefence> SandboxGaps { get; init; } = [];

    private IReadOnlyList<string> Notes { get; init; } = [];

    /// The network mode to use for the options.
    public SandboxNetworkMode ChooseNetworkMode(SandboxOptions options)
    {
        if (!options.Enabled || !options.IsolateNetwork || !BubblewrapWorks)
        {
            return SandboxNetworkMode.Host;
        }

        if (NetworkNamespaces)
        {
            return SandboxNetworkMode.Namespace;
        }

        return SocatPath is not null ? SandboxNetworkMode.UnixRelay : SandboxNetworkMode.Host;
    }

    /// Whether outbound traffic can be given to an isolated environment.
    public bool CanGiveOutbound(SandboxNetworkMode mode) => mode == SandboxNetworkMode.Namespace && SlirpPath is not null;

    /// The same capabilities with another cgroup parent (each host keeps its environments under its own).
    public SandboxCapabilities WithCgroups(CgroupController cgroups) => new()
    {
        BubblewrapPath = BubblewrapPath,
        BubblewrapWorks = BubblewrapWorks,
        UserNamespaces = UserNamespaces,
        UnprivilegedIdentity = UnprivilegedIdentity,
        Seccomp = Seccomp,
        ProcSysReadOnly = ProcSysReadOnly,
        DisableUserNamespaces = DisableUserNamespaces,
        NetworkNamespaces = NetworkNamespaces,
        Cgroups = cgroups,
        SlirpPath = SlirpPath,
        SocatPath = SocatPath,
        SandboxGaps = SandboxGaps,
        Notes = Notes,
    };

    /// <summary>The defences environments run with <paramref name="options"/> lack: what the machine cannot give, and
    /// what the options turn off.</summary>
    public IReadOnlyList<MissingDefence> MissingFor(SandboxOptions options)
    {
        if (!options.Enabled)
        {
            return [.. IsolationDefences.All.Select(d => new MissingDefence(d,
                "the sandbox is turned off in the runtime options: functions run as plain processes of the platform's user.",
                "Turn the sandbox on."))];
        }

        var missing = Missing.ToList();
        void Off(IsolationDefence defence, bool on, string consequence)
        {
            if (!on && missing.All(m => m.Defence != defence))
            {
                missing.Add(new MissingDefence(defence, consequence, "Turn it on in the runtime options."));
            }
        }

        Off(IsolationDefence.Identity, options.DropIdentity || Libc.geteuid() != 0, "the unprivileged identity is turned off: the sandbox user is host root without capabilities.");
        Off(IsolationDefence.Seccomp, options.Seccomp, "the seccomp filter is turned off.");
        Off(IsolationDefence.NetworkNamespace, options.IsolateNetwork, "network isolation is turned off: functions share the host network.");
        Off(IsolationDefence.MemoryLimit, options.EnforceLimits, "limits are turned off: MemorySize is not enforced.");
        Off(IsolationDefence.PidsLimit, options.EnforceLimits, "limits are turned off: there is no limit against fork bombs.");
        return [.. missing.OrderBy(m => m.Defence)];
    }

    private static IEnumerable<MissingDefence> CgroupGaps(CgroupController cgroups)
    {
        if (!cgroups.IsWritable)
        {
            yield return new MissingDefence(IsolationDefence.MemoryLimit,
                $"no writable cgroup ({cgroups.Problem}): MemorySize is enforced by polling resident memory, which a fast allocation can overshoot.",
                "Run Fathom as root on a kernel with the cgroup memory controller (v1, or v2 with memory delegated).");
            yield return new MissingDefence(IsolationDefence.PidsLimit,
                "no writable cgroup: there is no limit against fork bombs.",
                "Run Fathom as root on a kernel with the cgroup pids controller.");
        }
        else if (!cgroups.HasPidsLimit)
        {
            yield return new MissingDefence(IsolationDefence.PidsLimit,
                "the cgroup pids controller is not available: there is no limit against fork bombs.",
                "Enable the pids controller (cgroup v1 'pids' hierarchy, or '+pids' in cgroup.subtree_control on v2).");
        }
    }
}

using System.Globalization;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// What one sandboxed environment needs. <see cref="BuildArgv"/> turns it into the command line the platform starts
/// (cgroup join and descriptors, namespace join, uid switch, bubblewrap); <see cref="BuildBubblewrapArguments"/> is
/// what bubblewrap reads from its <c>--args</c> descriptor, so that the sandbox's <c>/proc/1/cmdline</c> (bubblewrap's
/// own) shows neither host paths nor the function's environment.
/// </summary>
internal sealed record SandboxSpec
{
    /// Where the function's code appears inside, as on Lambda.
    public const string TaskRoot = "/var/task";

    /// Where the runtime client appears inside, as on Lambda.
    public const string RuntimeRoot = "/var/runtime";

    /// Where the relay fallback's Unix socket folder appears inside.
    public const string RelayMount = "/run/rapi";

    /// The socket file name in the relay folder.
    public const string RelaySocketName = "rapi.sock";

    /// The platform endpoint's socket file name in the relay folder.
    public const string PlatformSocketName = "platform.sock";

    /// The descriptor the outer shell opens the seccomp program on, for bubblewrap's --seccomp.
    public const int SeccompDescriptor = 3;

    /// The descriptor the outer shell opens the argument file on, for bubblewrap's --args.
    public const int ArgsDescriptor = 4;

    /// The descriptor the outer shell opens the runtime's telemetry log pipe on; bubblewrap passes it through to the
    /// function (unlike 3 and 4, which it reads and closes).
    public const int TelemetryDescriptor = 5;

    /// /tmp's size when the function does not say: Lambda's default ephemeral storage.
    public const long DefaultTmpBytes = 512L * 1024 * 1024;

    private static readonly string[] RootLinks = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    // Parts of /proc that write to the kernel are bound read-only over the sandbox's own proc; parts that tell about
    // the host's kernel are hidden behind /dev/null. Most are closed to an unprivileged uid already: this holds even if
    // a later change maps the sandbox to a privileged one.
    private static readonly string[] ReadOnlyProc = ["/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus", "/proc/fs"];
    private static readonly string[] HiddenProcFiles = ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug", "/proc/latency_stats"];

    /// The bubblewrap executable (the path the capabilities probe found, so the probe and the launch agree).
    public string Bubblewrap { get; init; } = "bwrap";

    /// The command as the sandbox sees it (paths inside the sandbox).
    public required IReadOnlyList<string> Command { get; init; }

    /// Host folder with the function's code, bound read-only at <see cref="TaskRoot"/>.
    public required string CodeDirectory { get; init; }

    /// Host folder from <see cref="SandboxEtc.Ensure"/>.
    public required string EtcDirectory { get; init; }

    /// Host folder with the runtime client (e.g. the shared cache's aws-lambda-ric), bound read-only at <see cref="RuntimeRoot"/>.
    public string? RuntimeDirectory { get; init; }

    /// The only environment variables the function gets.
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// How the network is set up.
    public SandboxNetworkMode NetworkMode { get; init; } = SandboxNetworkMode.Namespace;

    /// <see cref="NetworkNamespace.Path"/>, for <see cref="SandboxNetworkMode.Namespace"/>.
    public string? NetworkNamespacePath { get; init; }

    /// Host folder holding the Runtime API's Unix socket, for <see cref="SandboxNetworkMode.UnixRelay"/>.
    public string? RelayDirectory { get; init; }

    /// Whether outbound traffic is expected (binds CA certificates; resolv.conf comes with the etc folder).
    public bool Outbound { get; init; }

    /// The uid and gid the function sees.
    public int SandboxUid { get; init; } = 993;

    /// Host uid to run bubblewrap as, or null to keep the platform's.
    public int? HostUid { get; init; }

    /// Host gid to run bubblewrap as (with <see cref="HostUid"/>); null uses the uid.
    public int? HostGid { get; init; }

    /// cgroup.procs files the environment joins before anything else runs (<see cref="EnvironmentCgroup.ProcsFiles"/>).
    public IReadOnlyList<string> CgroupProcsFiles { get; init; } = [];

    /// Extra read-only binds, host path to sandbox path (layers at /opt, for example).
    public IReadOnlyDictionary<string, string> ReadOnlyBinds { get; init; } = new Dictionary<string, string>();

    /// Working directory inside.
    public string WorkingDirectory { get; init; } = TaskRoot;

    /// The seccomp program (<see cref="SeccompFilter"/>), or null for none.
    public string? SeccompFile { get; init; }

    /// Where the outer shell opens <see cref="TelemetryDescriptor"/> for writing (the platform's end of the runtime's log
    /// pipe, as /proc/&lt;pid&gt;/fd/&lt;n&gt;), or null for none.
    public string? TelemetryPipe { get; init; }

    /// Where <see cref="BuildBubblewrapArguments"/> is written for bubblewrap's --args; null puts them on the command line.
    public string? ArgsFile { get; init; }

    /// Refuses user namespaces inside the sandbox (bubblewrap's --disable-userns).
    public bool DisableNestedUserNamespaces { get; init; } = true;

    /// Size of the private /tmp.
    public long TmpBytes { get; init; } = DefaultTmpBytes;

    /// The argv to start; its first element is the program.
    public IReadOnlyList<string> BuildArgv()
    {
        var argv = new List<string>();
        var shell = CgroupProcsFiles.Select(f => $"echo $$ > {Quote(f)}").ToList();
        var opens = new List<string>();
        if (SeccompFile is not null)
        {
            opens.Add($"{SeccompDescriptor}<{Quote(SeccompFile)}");
        }

        if (ArgsFile is not null)
        {
            opens.Add($"{ArgsDescriptor}<{Quote(ArgsFile)}");
        }

        if (TelemetryPipe is not null)
        {
            opens.Add($"{TelemetryDescriptor}>{Quote(TelemetryPipe)}");
        }

        if (opens.Count > 0)
        {
            // Opened by the platform's own (privileged) shell, so the files can stay where only the platform reads them.
            shell.Add("exec " + string.Join(' ', opens));
        }

        if (shell.Count > 0)
        {
            shell.Add("exec \"$@\"");
            argv.AddRange(["sh", "-c", string.Join(" && ", shell), "fathom-sandbox"]);
        }

        if (NetworkMode == SandboxNetworkMode.Namespace)
        {
            var path = NetworkNamespacePath ?? throw new InvalidOperationException("Namespace mode needs NetworkNamespacePath.");
            argv.AddRange(["nsenter", $"--net={path}", "--"]);
        }

        if (HostUid is { } hostUid)
        {
            var uid = hostUid.ToString(CultureInfo.InvariantCulture);
            var gid = (HostGid ?? hostUid).ToString(CultureInfo.InvariantCulture);
            argv.AddRange(["setpriv", $"--reuid={uid}", $"--regid={gid}", "--clear-groups", "--"]);
        }

        argv.Add(Bubblewrap);
        if (ArgsFile is not null)
        {
            argv.AddRange(["--args", ArgsDescriptor.ToString(CultureInfo.InvariantCulture)]);
        }
        else
        {
            argv.AddRange(BuildBubblewrapArguments());
        }

        // bubblewrap takes only options from an argument file; the command (sandbox paths only) follows on the line.
        argv.Add("--");
        if (NetworkMode == SandboxNetworkMode.UnixRelay)
        {
            argv.AddRange(UnixSocketRelay.WrapCommand(
                (NetworkNamespace.RuntimeApiPort, RelaySocketName),
                (PlatformEndpoint.PlatformEndpointServer.Port, PlatformSocketName)));
        }

        argv.AddRange(Command);
        return argv;
    }

    /// What follows <c>bwrap</c> up to the command: mounts, namespaces, identity, environment, filter.
    public IReadOnlyList<string> BuildBubblewrapArguments()
    {
        var argv = new List<string>();
        AddFileSystem(argv);
        argv.AddRange(["--unshare-all", "--die-with-parent", "--new-session"]);
        if (DisableNestedUserNamespaces)
        {
            argv.AddRange(["--unshare-user", "--disable-userns"]);
        }

        if (NetworkMode != SandboxNetworkMode.UnixRelay)
        {
            // In Namespace mode this shares the joined, platform-prepared namespace, not the host's.
            argv.Add("--share-net");
        }

        var uid = SandboxUid.ToString(CultureInfo.InvariantCulture);
        argv.AddRange(["--uid", uid, "--gid", uid, "--clearenv"]);
        if (!Environment.ContainsKey("PATH"))
        {
            argv.AddRange(["--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin"]);
        }

        foreach (var (key, value) in Environment)
        {
            argv.AddRange(["--setenv", key, value]);
        }

        if (SeccompFile is not null)
        {
            argv.AddRange(["--seccomp", SeccompDescriptor.ToString(CultureInfo.InvariantCulture)]);
        }

        argv.AddRange(["--chdir", WorkingDirectory]);
        return argv;
    }

    private void AddFileSystem(List<string> argv)
    {
        argv.AddRange(["--ro-bind", "/usr", "/usr"]);
        foreach (var link in RootLinks)
        {
            var info = new FileInfo(link);
            if (info.LinkTarget is { } target)
            {
                argv.AddRange(["--symlink", target, link]);
            }
            else if (Directory.Exists(link))
            {
                argv.AddRange(["--ro-bind", link, link]);
            }
        }

        foreach (var name in new[] { "passwd", "group", "hosts", "nsswitch.conf", "resolv.conf" })
        {
            var file = Path.Combine(EtcDirectory, name);
            if (File.Exists(file))
            {
                argv.AddRange(["--ro-bind", file, "/etc/" + name]);
            }
        }

        argv.AddRange(["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]);
        if (Outbound)
        {
            argv.AddRange(["--ro-bind-try", "/etc/ssl", "/etc/ssl", "--ro-bind-try", "/etc/ca-certificates", "/etc/ca-certificates"]);
        }

        argv.AddRange(["--ro-bind", CodeDirectory, TaskRoot]);
        if (RuntimeDirectory is not null)
        {
            argv.AddRange(["--ro-bind", RuntimeDirectory, RuntimeRoot]);
        }

        foreach (var (host, inside) in ReadOnlyBinds)
        {
            argv.AddRange(["--ro-bind", host, inside]);
        }

        if (NetworkMode == SandboxNetworkMode.UnixRelay)
        {
            var relay = RelayDirectory ?? throw new InvalidOperationException("UnixRelay mode needs RelayDirectory.");
            argv.AddRange(["--bind", relay, RelayMount]);
        }

        argv.AddRange(["--size", TmpBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"]);
        foreach (var path in ReadOnlyProc)
        {
            argv.AddRange(["--ro-bind-try", path, path]);
        }

        foreach (var path in HiddenProcFiles)
        {
            if (File.Exists(path))
            {
                argv.AddRange(["--ro-bind", "/dev/null", path]);
            }
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

using System.Globalization;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// What one sandboxed environment needs; <see cref="BuildArgv"/> turns it into the full command line
/// (cgroup join, namespace join, uid switch, bubblewrap, command).
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

    private static readonly string[] RootLinks = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

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

    /// cgroup.procs files the environment joins before anything else runs (<see cref="EnvironmentCgroup.ProcsFiles"/>).
    public IReadOnlyList<string> CgroupProcsFiles { get; init; } = [];

    /// Extra read-only binds, host path to sandbox path (layers at /opt, for example).
    public IReadOnlyDictionary<string, string> ReadOnlyBinds { get; init; } = new Dictionary<string, string>();

    /// Working directory inside.
    public string WorkingDirectory { get; init; } = TaskRoot;

    /// The argv to start; its first element is the program.
    public IReadOnlyList<string> BuildArgv()
    {
        var argv = new List<string>();
        if (CgroupProcsFiles.Count > 0)
        {
            argv.AddRange(EnvironmentCgroup.JoinPrefix(CgroupProcsFiles));
        }

        if (NetworkMode == SandboxNetworkMode.Namespace)
        {
            var path = NetworkNamespacePath ?? throw new InvalidOperationException("Namespace mode needs NetworkNamespacePath.");
            argv.AddRange(["nsenter", $"--net={path}", "--"]);
        }

        if (HostUid is { } hostUid)
        {
            var id = hostUid.ToString(CultureInfo.InvariantCulture);
            argv.AddRange(["setpriv", $"--reuid={id}", $"--regid={id}", "--clear-groups", "--"]);
        }

        argv.Add("bwrap");
        AddFileSystem(argv);
        argv.AddRange(["--unshare-all", "--die-with-parent", "--new-session"]);
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

        argv.AddRange(["--chdir", WorkingDirectory, "--"]);
        if (NetworkMode == SandboxNetworkMode.UnixRelay)
        {
            argv.AddRange(UnixSocketRelay.WrapCommand(NetworkNamespace.RuntimeApiPort));
        }

        argv.AddRange(Command);
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

        argv.AddRange(["--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"]);
    }
}

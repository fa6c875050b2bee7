using System.Diagnostics;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// What isolation this machine supports, probed once per process and cached: bubblewrap present and working, user
/// namespaces, entering network namespaces (CAP_SYS_ADMIN), a writable cgroup, slirp4netns and socat.
/// <see cref="Warnings"/> says in plain words what is missing and what that means for functions.
/// </summary>
internal sealed class SandboxCapabilities
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

    /// Whether the platform can create and enter network namespaces (the no-relay Runtime API path).
    public bool NetworkNamespaces { get; private init; }

    /// The cgroup controller (may be <see cref="CgroupVersion.None"/>).
    public required CgroupController Cgroups { get; init; }

    /// slirp4netns' path, or null.
    public string? SlirpPath { get; private init; }

    /// socat's path, or null.
    public string? SocatPath { get; private init; }

    /// Plain-words warnings for the log, one per missing piece.
    public IReadOnlyList<string> Warnings { get; private init; } = [];

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
        NetworkNamespaces = NetworkNamespaces,
        Cgroups = cgroups,
        SlirpPath = SlirpPath,
        SocatPath = SocatPath,
        Warnings = Warnings,
    };

    /// Probes the machine; <see cref="Current"/> caches the result.
    public static SandboxCapabilities Probe(CgroupController cgroups)
    {
        var warnings = new List<string>();
        var bwrap = FindOnPath("bwrap");
        string? bwrapError = null;
        var bwrapWorks = bwrap is not null && TryRun(bwrap, ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all", "--die-with-parent", "true"], out bwrapError);
        if (bwrap is null)
        {
            warnings.Add("bubblewrap (bwrap) is not installed: functions run as plain processes and can read the platform's files and environment. Install the Debian package 'bubblewrap'.");
        }
        else if (!bwrapWorks)
        {
            warnings.Add($"bubblewrap is installed but a trial sandbox failed ({bwrapError}): functions run as plain processes.");
        }

        var userNamespaces = ReadInt("/proc/sys/user/max_user_namespaces") is > 0;
        if (!userNamespaces)
        {
            warnings.Add("user namespaces are disabled (user.max_user_namespaces = 0): bubblewrap cannot sandbox without them.");
        }

        var netns = CanEnterNetworkNamespaces(out var netnsError);
        var socat = FindOnPath("socat");
        var slirp = FindOnPath("slirp4netns");
        if (bwrapWorks && !netns)
        {
            warnings.Add(socat is not null
                ? $"cannot enter network namespaces ({netnsError}): the Runtime API is relayed with socat through a Unix socket (about 20 % slower on trivial handlers) and functions get no outbound network."
                : $"cannot enter network namespaces ({netnsError}) and socat is missing: environments share the host network, so a function can reach every service on 127.0.0.1.");
        }

        if (bwrapWorks && netns && slirp is null)
        {
            warnings.Add("slirp4netns is not installed: isolated functions can reach only their own Runtime API, no internet and no DNS. Install the Debian package 'slirp4netns'.");
        }

        if (!cgroups.IsWritable)
        {
            warnings.Add($"no writable cgroup ({cgroups.Problem}): MemorySize is enforced by polling resident memory (coarser; a fast allocation can overshoot) and there is no pids limit against fork bombs.");
        }
        else if (!cgroups.HasPidsLimit)
        {
            warnings.Add("the cgroup pids controller is not available: there is no limit against fork bombs.");
        }

        return new SandboxCapabilities
        {
            BubblewrapPath = bwrap,
            BubblewrapWorks = bwrapWorks && userNamespaces,
            UserNamespaces = userNamespaces,
            NetworkNamespaces = netns,
            Cgroups = cgroups,
            SlirpPath = slirp,
            SocatPath = socat,
            Warnings = warnings,
        };
    }

    private static bool CanEnterNetworkNamespaces(out string? error)
    {
        try
        {
            using var ns = NetworkNamespace.Create();
            using var socket = ns.CreateListener(0);
            error = null;
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException)
        {
            error = e.InnerException?.Message ?? e.Message;
            return false;
        }
    }

    private static bool TryRun(string program, IReadOnlyList<string> args, out string? error)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                error = "timed out";
                return false;
            }

            error = process.ExitCode == 0 ? null : $"exit {process.ExitCode}: {stderr.Result.Trim()}";
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error = e.Message;
            return false;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/usr/bin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static int? ReadInt(string path) =>
        File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out var value) ? value : null;
}

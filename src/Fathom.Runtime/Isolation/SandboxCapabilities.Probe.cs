using System.Diagnostics;

namespace Fathom.Runtime.Isolation;

/// <summary>How the machine is probed: trial sandboxes running <c>true</c>, each with one more defence.</summary>
internal sealed partial class SandboxCapabilities
{
    private static readonly string[] BaseTrial = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all", "--die-with-parent"];

    /// Probes the machine; <see cref="Current"/> caches the result.
    public static SandboxCapabilities Probe(CgroupController cgroups)
    {
        var gaps = new List<MissingDefence>();
        var notes = new List<string>();
        var bwrap = FindOnPath("bwrap");
        var userNamespaces = ReadInt("/proc/sys/user/max_user_namespaces") is not 0;
        string? error = null;
        var works = bwrap is not null && userNamespaces && TryRun([bwrap, .. BaseTrial, "true"], out error);
        if (!works)
        {
            var why = bwrap is null ? "bubblewrap (bwrap) is not installed"
                : !userNamespaces ? "user namespaces are disabled (user.max_user_namespaces = 0)"
                : $"a trial sandbox failed ({error})";
            var remedy = bwrap is null ? "Install the Debian package 'bubblewrap'." : "Set the sysctl user.max_user_namespaces above 0.";
            gaps.Add(new MissingDefence(IsolationDefence.Sandbox, $"{why}: functions run as plain processes and can read the platform's files.", remedy));
            gaps.Add(new MissingDefence(IsolationDefence.Identity, "without a sandbox, functions run as the platform's own user.", remedy));
            gaps.Add(new MissingDefence(IsolationDefence.Seccomp, "without a sandbox there is no seccomp filter.", remedy));
            gaps.Add(new MissingDefence(IsolationDefence.ProcSysReadOnly, "without a sandbox, /proc/sys is as writable as for the platform.", remedy));
        }

        var setpriv = FindOnPath("setpriv");
        var identity = works && (Libc.geteuid() != 0 || (setpriv is not null && TryHardening(bwrap!, setpriv, identity: true)));
        var seccomp = works && SeccompSyscalls.CurrentAuditArch() is not null && TryHardening(bwrap!, setpriv, seccomp: true);
        var procSys = works && TryHardening(bwrap!, setpriv, procSys: true);
        var disableUserns = works && TryHardening(bwrap!, setpriv, disableUserns: true);
        if (works && !identity)
        {
            gaps.Add(new MissingDefence(IsolationDefence.Identity,
                "sandboxes cannot run as an unprivileged host uid, so the sandbox user is host root without capabilities (files owned by root, such as /proc/sys, stay writable to it).",
                "Install util-linux's setpriv and bubblewrap 0.8 or later."));
        }

        if (works && !seccomp)
        {
            gaps.Add(new MissingDefence(IsolationDefence.Seccomp,
                "bubblewrap could not install the seccomp filter: functions can call mount, ptrace, bpf, io_uring and the like (the kernel still checks privileges).",
                "Use an x86_64 or aarch64 kernel with CONFIG_SECCOMP_FILTER."));
        }

        if (works && !procSys)
        {
            gaps.Add(new MissingDefence(IsolationDefence.ProcSysReadOnly,
                "/proc/sys cannot be bound read-only inside the sandbox.",
                "Use bubblewrap 0.8 or later."));
        }

        var netns = CanEnterNetworkNamespaces(out var netnsError);
        var socat = FindOnPath("socat");
        var slirp = FindOnPath("slirp4netns");
        if (!works || (!netns && socat is null))
        {
            gaps.Add(new MissingDefence(IsolationDefence.NetworkNamespace,
                works ? $"cannot enter network namespaces ({netnsError}) and socat is missing: functions share the host network and reach every service on 127.0.0.1."
                      : "without a sandbox, functions share the host network and reach every service on 127.0.0.1.",
                works ? "Run Fathom as root (CAP_SYS_ADMIN), or install the Debian package 'socat'." : "Install the Debian package 'bubblewrap'."));
        }
        else if (!netns)
        {
            notes.Add($"cannot enter network namespaces ({netnsError}): the Runtime API is relayed with socat through a Unix socket (about 20 % slower on trivial handlers) and functions get no outbound network.");
        }
        else if (slirp is null)
        {
            notes.Add("slirp4netns is not installed: isolated functions can reach only their own Runtime API, no internet and no DNS. Install the Debian package 'slirp4netns'.");
        }

        return new SandboxCapabilities
        {
            BubblewrapPath = bwrap,
            BubblewrapWorks = works,
            UserNamespaces = userNamespaces,
            UnprivilegedIdentity = identity,
            Seccomp = seccomp,
            ProcSysReadOnly = procSys,
            DisableUserNamespaces = disableUserns,
            NetworkNamespaces = netns,
            Cgroups = cgroups,
            SlirpPath = slirp,
            SocatPath = socat,
            SandboxGaps = gaps,
            Notes = notes,
        };
    }

    /// <summary>A trial sandbox with one hardening step added to the base trial.</summary>
    private static bool TryHardening(string bwrap, string? setpriv, bool identity = false, bool seccomp = false, bool procSys = false, bool disableUserns = false)
    {
        var argv = new List<string>();
        string? filter = null;
        try
        {
            if (seccomp)
            {
                filter = Path.Combine(Path.GetTempPath(), $"fathom-seccomp-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.bpf");
                SeccompFilter.WriteForCurrentArchitecture(filter);
                argv.AddRange(["sh", "-c", $"exec {SandboxSpec.SeccompDescriptor}<\"$0\" && exec \"$@\"", filter]);
            }

            if (identity && setpriv is not null)
            {
                // The group id is never handed out as a uid, so the trial cannot collide with a running sandbox.
                var id = SandboxIdentity.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture);
                argv.AddRange([setpriv, $"--reuid={id}", $"--regid={id}", "--clear-groups", "--"]);
            }

            argv.AddRange([bwrap, .. BaseTrial]);
            if (procSys)
            {
                argv.AddRange(["--ro-bind", "/proc/sys", "/proc/sys"]);
            }

            if (disableUserns)
            {
                argv.AddRange(["--unshare-user", "--disable-userns"]);
            }

            if (seccomp)
            {
                argv.AddRange(["--seccomp", SandboxSpec.SeccompDescriptor.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            argv.Add("true");
            return TryRun(argv, out _);
        }
        finally
        {
            if (filter is not null)
            {
                File.Delete(filter);
            }
        }
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

    private static bool TryRun(IReadOnlyList<string> argv, out string? error)
    {
        try
        {
            var start = new ProcessStartInfo(argv[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in argv.Skip(1))
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
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static int? ReadInt(string path) =>
        File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out var value) ? value : null;
}

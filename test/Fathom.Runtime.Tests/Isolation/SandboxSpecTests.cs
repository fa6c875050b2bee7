using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Tests.Isolation;

public sealed class SandboxSpecTests
{
    private static readonly SandboxSpec Base = new()
    {
        Command = ["node", "/var/runtime/bin/index.mjs", "index.handler"],
        CodeDirectory = "/data/functions/a/code",
        RuntimeDirectory = "/cache/aws-lambda-ric/3.3.0",
        EtcDirectory = "/nonexistent-etc",
        NetworkNamespacePath = "/proc/1/fd/7",
        Environment = new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001" },
    };

    [Fact]
    public void BuildArgv_Namespace_JoinsCgroupThenNamespaceThenBwrapWithSharedNet()
    {
        var argv = (Base with { CgroupProcsFiles = ["/sys/fs/cgroup/memory/fathom/e1/cgroup.procs"] }).BuildArgv();

        argv.Take(2).Should().Equal("sh", "-c");
        argv[2].Should().Be("echo $$ > '/sys/fs/cgroup/memory/fathom/e1/cgroup.procs' && exec \"$@\"");
        argv.Skip(4).Take(3).Should().Equal("nsenter", "--net=/proc/1/fd/7", "--");
        argv[7].Should().Be("bwrap");
        argv.Should().Contain(["--unshare-all", "--die-with-parent", "--new-session", "--share-net", "--clearenv"]);
        argv.TakeLast(3).Should().Equal(Base.Command);
    }

    [Fact]
    public void BuildArgv_Always_BindsCodeAndRuntimeReadOnlyAndNothingElseOfTheHost()
    {
        var argv = Base.BuildArgv();

        Pairs(argv, "--ro-bind").Should().Contain(("/data/functions/a/code", "/var/task")).And.Contain(("/cache/aws-lambda-ric/3.3.0", "/var/runtime"));
        Pairs(argv, "--bind").Should().BeEmpty("nothing of the host is writable inside");
        Pairs(argv, "--ro-bind").Select(p => p.Host).Should().OnlyContain(h => h.StartsWith("/usr", StringComparison.Ordinal) || h.StartsWith("/etc/", StringComparison.Ordinal) || h.StartsWith("/lib", StringComparison.Ordinal) || h.StartsWith("/bin", StringComparison.Ordinal) || h.StartsWith("/sbin", StringComparison.Ordinal) || h.StartsWith("/data/functions/a/", StringComparison.Ordinal) || h.StartsWith("/cache/", StringComparison.Ordinal) || h.StartsWith("/nonexistent-etc", StringComparison.Ordinal) || h.StartsWith("/proc/", StringComparison.Ordinal) || h == "/dev/null");
        argv.Should().ContainInConsecutiveOrder("--tmpfs", "/tmp");
        argv.Should().ContainInConsecutiveOrder("--chdir", "/var/task");
        argv.Should().ContainInConsecutiveOrder("--setenv", "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
    }

    [Fact]
    public void BuildArgv_UnixRelay_KeepsOwnEmptyNetworkAndStartsSocatFirst()
    {
        var argv = (Base with { NetworkMode = SandboxNetworkMode.UnixRelay, RelayDirectory = "/run/fathom/e1" }).BuildArgv();

        argv[0].Should().Be("bwrap");
        argv.Should().NotContain("--share-net").And.NotContain("nsenter");
        argv.Should().ContainInConsecutiveOrder("--bind", "/run/fathom/e1", "/run/rapi");
        var sh = argv.ToList().LastIndexOf("sh");
        argv[sh + 2].Should().StartWith("socat TCP-LISTEN:9001,bind=127.0.0.1").And.Contain("0100007F:2329");
    }

    [Fact]
    public void BuildArgv_HostUid_RunsBwrapUnprivileged()
    {
        var argv = (Base with { HostUid = 65534 }).BuildArgv();

        argv.Skip(3).Take(5).Should().Equal("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--");
    }

    [Fact]
    public void BuildArgv_HostUidAndGid_DropsToBoth()
    {
        var argv = (Base with { HostUid = 1879048193, HostGid = 1879048192 }).BuildArgv();

        argv.Should().ContainInConsecutiveOrder("setpriv", "--reuid=1879048193", "--regid=1879048192", "--clear-groups", "--");
    }

    [Fact]
    public void BuildArgv_ArgsFile_CommandLineNamesNoHostPathAndNoEnvironment()
    {
        var spec = Base with { ArgsFile = "/state/sandbox/e1.args", SeccompFile = "/state/sandbox/seccomp.bpf" };

        var argv = spec.BuildArgv();

        // What the sandbox's pid 1 (bubblewrap) shows in /proc/1/cmdline starts at bwrap.
        var bwrap = argv.ToList().IndexOf("bwrap");
        argv.Skip(bwrap).Should().Equal(["bwrap", "--args", "4", "--", .. Base.Command]);
        argv[2].Should().Be("exec 3<'/state/sandbox/seccomp.bpf' 4<'/state/sandbox/e1.args' && exec \"$@\"",
            "the platform's shell opens both files, so they can stay where only the platform reads them");
        spec.BuildBubblewrapArguments().Should().ContainInConsecutiveOrder("--seccomp", "3")
            .And.ContainInConsecutiveOrder("--setenv", "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
            .And.NotContain("--");
    }

    [Fact]
    public void BuildArgv_TelemetryPipe_OuterShellOpensItForWritingBesideSeccompAndArgs()
    {
        var spec = Base with { ArgsFile = "/state/sandbox/e1.args", SeccompFile = "/state/sandbox/seccomp.bpf", TelemetryPipe = "/proc/42/fd/117" };

        var argv = spec.BuildArgv();

        argv[2].Should().Be("exec 3<'/state/sandbox/seccomp.bpf' 4<'/state/sandbox/e1.args' 5>'/proc/42/fd/117' && exec \"$@\"",
            "the runtime's log pipe gets a descriptor of its own, which bubblewrap passes through");
        argv.Skip(argv.ToList().IndexOf("bwrap")).Should().Equal(["bwrap", "--args", "4", "--", .. Base.Command]);
        spec.BuildBubblewrapArguments().Should().NotContain("/proc/42/fd/117");
    }

    [Fact]
    public void BuildBubblewrapArguments_Default_KernelSettingsReadOnlyNestedUserNamespacesRefusedTmpSized()
    {
        var args = Base.BuildBubblewrapArguments();

        args.Should().ContainInConsecutiveOrder("--ro-bind-try", "/proc/sys", "/proc/sys");
        args.Should().ContainInConsecutiveOrder("--unshare-user", "--disable-userns");
        args.Should().ContainInConsecutiveOrder("--size", "536870912", "--tmpfs", "/tmp");
        args.ToList().IndexOf("--proc").Should().BeLessThan(args.ToList().IndexOf("/proc/sys"), "the read-only bind covers the sandbox's own proc");
    }

    private static List<(string Host, string Inside)> Pairs(IReadOnlyList<string> argv, string flag) =>
        [.. argv.Select((a, i) => (a, i)).Where(x => x.a == flag).Select(x => (argv[x.i + 1], argv[x.i + 2]))];
}

using System.Text.Json;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Isolation;

/// The whole chain the launcher will use: cgroup, network namespace with a handed-in socket, bwrap, and the real
/// aws-lambda-ric from the shared cache bound read-only at /var/runtime.
public sealed class SandboxedRuntimeClientTests : IDisposable
{
    private readonly TestDirectories _dirs = new();
    private readonly CgroupController _cgroups = CgroupController.Detect(parentName: "fathom-test-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        _cgroups.SweepAsync(TimeProvider.System).GetAwaiter().GetResult();
        _cgroups.RemoveParent();
        _dirs.Dispose();
    }

    [Fact]
    public async Task RuntimeClient_InFullSandbox_CompletesInvocationThroughHandedInSocket()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox, IsolationDefence.NetworkNamespace))
        {
            return;
        }

        var caps = SandboxCapabilities.Current;
        Assert.SkipUnless(caps.NetworkNamespaces, "cannot enter network namespaces (needs CAP_SYS_ADMIN)");
        var ric = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "fathom", "aws-lambda-ric", "3.3.0");
        Assert.SkipUnless(File.Exists(Path.Combine(ric, "node_modules", "aws-lambda-ric", "bin", "index.mjs")), "aws-lambda-ric 3.3.0 is not in the shared cache");
        var code = _dirs.Create("code");
        File.Copy(Path.Combine(TestDirectories.Assets, "index.js"), Path.Combine(code, "index.js"));
        var group = _cgroups.IsWritable ? _cgroups.Create("env-1", 256L * 1024 * 1024, 256) : null;
        using var ns = NetworkNamespace.Create();
        await using var api = new MiniRuntimeApi(ns.CreateListener(), "{\"n\":42}");
        var spec = new SandboxSpec
        {
            Command = ["node", .. NodeHeapSizing.Flags(256), "/var/runtime/node_modules/aws-lambda-ric/bin/index.mjs", "index.handler"],
            CodeDirectory = code,
            RuntimeDirectory = ric,
            EtcDirectory = SandboxEtc.Ensure(_dirs.Create("etc"), 993, outbound: false),
            NetworkMode = SandboxNetworkMode.Namespace,
            NetworkNamespacePath = ns.Path,
            CgroupProcsFiles = group?.ProcsFiles ?? [],
            Environment = new Dictionary<string, string>
            {
                ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001",
                ["LAMBDA_TASK_ROOT"] = SandboxSpec.TaskRoot,
                ["_HANDLER"] = "index.handler",
                ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256",
            },
        };

        using var process = TestProcess.Start(spec.BuildArgv());
        var response = await api.Response.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var result = JsonDocument.Parse(response).RootElement;
        result.GetProperty("n").GetInt32().Should().Be(42);
        result.GetProperty("user").GetString().Should().Be("sbx_user");
        result.GetProperty("heapLimitMb").GetInt32().Should().BeInRange(231, 300);
        result.GetProperty("taskRoot").GetString().Should().Be("/var/task");
        if (group is not null)
        {
            group.ReadProcesses().Should().Contain(process.Process.Id, "the launched process joined the environment's cgroup");
            group.ReadPeakBytes().Should().BeGreaterThan(4L * 1024 * 1024, "the anonymous memory of node counts (its binary's page cache was charged elsewhere first)");
            await group.RemoveAsync(TimeProvider.System, TestContext.Current.CancellationToken);
            await process.WaitAsync();
            process.Process.ExitCode.Should().NotBe(0, "removing the group kills the environment");
        }
    }
}

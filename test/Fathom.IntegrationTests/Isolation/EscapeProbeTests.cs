using System.Net;
using System.Text;
using Fathom.IntegrationTests.Infrastructure;
using Fathom.Runtime.Isolation;
using ProcessTree = Fathom.IntegrationTests.Infrastructure.ProcessTree;

namespace Fathom.IntegrationTests.Isolation;

/// <summary>
/// A function under <c>fathom up</c> (run as root, as on this machine) tries to escape its sandbox, and every attempt
/// must fail: the host's kernel settings and files, descriptors the platform inherited, other processes, mounts and
/// namespaces, the kernel's large attack surfaces, the platform's ports, another environment's Runtime API, and its
/// limits. docs/isolation.md lists what each probe proves.
/// </summary>
public sealed class EscapeProbeTests(EscapeProbeFixture fixture) : IClassFixture<EscapeProbeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probes_FromInsideTheSandbox_NoneSucceed()
    {
        if (!IsolationFallback.Available(fixture.Up, IsolationDefence.Sandbox, IsolationDefence.Identity, IsolationDefence.Seccomp, IsolationDefence.ProcSysReadOnly, IsolationDefence.NetworkNamespace, IsolationDefence.MemoryLimit, IsolationDefence.PidsLimit))
        {
            return;
        }

        // A call in flight in another environment of the same function, whose request id the probe tries to answer.
        using var client = fixture.Up.AppClient();
        var marker = Guid.NewGuid().ToString("N");
        var waiting = client.PostAsync("/probe", Json(new { mode = "wait", ms = 4000, marker }), Ct);
        // The runtime client prints "time<TAB>request id<TAB>INFO<TAB>message".
        var line = await fixture.Up.WaitForFunctionLineAsync("Probe", "waiting " + marker);
        var otherRequestId = line.Split('\t')[1];

        var results = await fixture.ProbeAsync(fixture.AllProbesRequest(otherRequestId), Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', results));

        results.Where(r => r.IsControl && !r.Worked).Should().BeEmpty("the controls prove the probes ran inside a live sandbox");
        var escapes = results.Where(r => !r.IsControl).ToList();
        escapes.Count.Should().BeGreaterThanOrEqualTo(25);
        escapes.Where(r => r.Worked).Select(r => r.ToString()).Should().BeEmpty("no escape probe may succeed");
        using var waited = await waiting;
        (await waited.Content.ReadAsStringAsync(Ct)).Should().Contain(marker, "the other environment's call got its own answer, not the probe's");
    }

    [Fact]
    public async Task InheritedDescriptors_FunctionTriesThem_HostFileIsUntouched()
    {
        if (!IsolationFallback.Available(fixture.Up, IsolationDefence.Sandbox))
        {
            return;
        }

        await fixture.ProbeAsync(fixture.AllProbesRequest(otherRequestId: null), Ct);

        (await File.ReadAllTextAsync(fixture.HostFile, Ct)).Should().Be("the host's own\n");
    }

    [Fact]
    public void FunctionProcesses_SeenFromTheHost_AreNotRootAndFiltered()
    {
        if (!IsolationFallback.Available(fixture.Up, IsolationDefence.Sandbox, IsolationDefence.Identity, IsolationDefence.Seccomp))
        {
            return;
        }

        var functions = ProcessTree.Descendants(fixture.Up.Pid)
            .Select(pid => (pid, status: File.ReadAllLines($"/proc/{pid}/status")))
            .Where(p => p.status.Contains("Name:\tnode"))
            .ToList();

        functions.Should().NotBeEmpty("fathom up warms one environment per function at start");
        foreach (var (pid, status) in functions)
        {
            var uid = status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
            uid.Should().NotBe("0", $"process {pid} runs a function");
            status.Should().Contain("Seccomp:\t2", $"process {pid} runs under the seccomp filter");
            status.Should().Contain("NoNewPrivs:\t1");
            status.Should().Contain(l => l.StartsWith("CapEff:\t0000000000000000", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ForkBomb_StopsAtThePidsLimit()
    {
        if (!IsolationFallback.Available(fixture.Up, IsolationDefence.Sandbox, IsolationDefence.PidsLimit))
        {
            return;
        }

        var results = await fixture.ProbeAsync(new { mode = "pids", platformPid = fixture.Up.Pid }, Ct);

        results.Should().ContainSingle(r => r.Probe == "pids-fork-bomb").Which.Worked.Should().BeFalse(results[0].Detail);
    }

    [Fact]
    public async Task Tmp_FillingPastItsSize_FailsWithNoSpace()
    {
        if (!IsolationFallback.Available(fixture.Up, IsolationDefence.Sandbox))
        {
            return;
        }

        var results = await fixture.ProbeAsync(new { mode = "tmp", platformPid = fixture.Up.Pid }, Ct);

        var fill = results.Should().ContainSingle(r => r.Probe == "tmp-fill").Subject;
        fill.Worked.Should().BeFalse();
        fill.Detail.Should().MatchRegex("^wrote 5(0[0-9]|1[0-2]) MB, then No space left on device$", "/tmp holds Lambda's default 512 MB");
    }

    [Fact]
    public async Task Memory_NeighbourPastItsLimit_IsKilledAndTheProbeKeepsAnswering()
    {
        using var client = fixture.Up.AppClient();

        using var hog = await client.PostAsync("/neighbour", Json(new { hog = true }), Ct);

        hog.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        await fixture.Up.WaitForFunctionLineAsync("Neighbour", "Error Type: Runtime.OutOfMemory");
        using var after = await client.PostAsync("/neighbour", Json(new { }), Ct);
        after.StatusCode.Should().Be(HttpStatusCode.OK, "the next call starts a fresh environment");
        using var probe = await client.PostAsync("/probe", Json(new { mode = "wait", ms = 1, marker = "alive" }), Ct);
        probe.StatusCode.Should().Be(HttpStatusCode.OK, "a neighbour's death does not touch another function");
    }

    [Fact]
    public async Task OutputFlood_IsCutAtTheInvocationLimit()
    {
        await fixture.ProbeAsync(new { mode = "flood" }, Ct);

        await fixture.Up.WaitForFunctionLineAsync("Probe", "[output truncated: this invocation reached the limit of");
        var printed = fixture.Up.Lines.Count(l => FathomUp.IsFunctionLine(l, "Probe", "xxxxxxxxxx"));
        printed.Should().BeLessThan(9 * 1024, "12 MB were printed; at most 8 MB may pass");
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}

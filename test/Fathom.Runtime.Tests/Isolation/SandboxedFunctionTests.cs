using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Invocations;
using Fathom.Runtime.Isolation;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Isolation;

/// <summary>Real node + aws-lambda-ric through FunctionRuntime, sandboxed by default: what a
/// function can reach, its limits, and how the platform holds up when a function misbehaves.</summary>
public sealed class SandboxedFunctionTests
{
    private const string Asset = "node-sandbox";

    [Fact]
    public async Task InvokeAsync_OverMemorySize_IsOutOfMemoryAndTheNextCallGetsAFreshEnvironment()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.MemoryLimit))
        {
            return;
        }

        await using var runtime = new TestRuntime();
        runtime.Load("hog", "index.hog", Asset, configure: d => d with { MemorySizeMb = 128 });

        var killed = await runtime.InvokeAsync("hog");
        var completed = await runtime.NextEventAsync<Events.InvocationCompleted>(e => e.RequestId == killed.RequestId);

        killed.Outcome.Should().Be(InvocationOutcome.OutOfMemory, killed.LogTail);
        killed.ErrorType.Should().Be("Runtime.OutOfMemory");
        killed.ErrorMessage.Should().Be($"RequestId: {killed.RequestId} Error: Runtime exited with error: signal: killed");
        killed.MaxMemoryUsedMb.Should().BeInRange(100, 129);
        killed.LogTail.Should().Contain("Status: error\tError Type: Runtime.OutOfMemory");
        completed.Outcome.Should().Be(InvocationOutcome.OutOfMemory);
        completed.MaxMemoryUsedMb.Should().Be(killed.MaxMemoryUsedMb);
        runtime.Host.EnvironmentCount("hog", "$LATEST").Should().Be(0, "the killed environment is gone");

        runtime.Load("hog", "index.echo", Asset, configure: d => d with { MemorySizeMb = 128 });
        var next = await runtime.InvokeAsync("hog");
        next.Outcome.Should().Be(InvocationOutcome.Success, next.LogTail);
        next.InitDuration.Should().NotBeNull("the next call starts a fresh environment");
    }

    [Fact]
    public async Task InvokeAsync_ForkBomb_IsContainedAndThePlatformKeepsServing()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox, IsolationDefence.PidsLimit))
        {
            return;
        }

        await using var runtime = new TestRuntime(o => o.PidsLimit = 64);
        runtime.Load("bomb", "index.forkbomb", Asset, configure: d => d with { Timeout = TimeSpan.FromSeconds(60) });
        runtime.Load("neighbour", "index.echo", Asset);

        var bomb = await runtime.InvokeAsync("bomb");
        var neighbour = await runtime.InvokeAsync("neighbour", """{"still":"here"}""");

        bomb.Outcome.Should().Be(InvocationOutcome.Success, bomb.LogTail);
        Json(bomb.Payload).GetProperty("most").GetInt32().Should().BeInRange(20, 64, "the bomb ran and the pids limit capped it inside its environment");
        neighbour.Outcome.Should().Be(InvocationOutcome.Success, neighbour.LogTail);
        Encoding.UTF8.GetString(neighbour.Payload.Span).Should().Contain("here");
    }

    [Fact]
    public async Task InvokeAsync_OutputFlood_DoesNotDisturbANeighbourAndMemoryStaysBounded()
    {
        await using var runtime = new TestRuntime();
        runtime.Load("flood", "index.flood", Asset, configure: d => d with { Timeout = TimeSpan.FromSeconds(120) });
        runtime.Load("steady", "index.echo", Asset);
        (await runtime.InvokeAsync("steady")).Outcome.Should().Be(InvocationOutcome.Success);
        // Read the events as they come: an unread subscription fills up and drops (by design), marker included.
        var marker = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopWatching = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var item in runtime.Subscription.Reader.ReadAllAsync(stopWatching.Token))
            {
                if (item is Events.LogLine { FunctionName: "flood" } line && line.Text.StartsWith("[output truncated", StringComparison.Ordinal))
                {
                    marker.TrySetResult(line.Text);
                }
            }
        }, stopWatching.Token);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var flood = runtime.InvokeAsync("flood", """{"mb":100}""").AsTask();
        var outcomes = new List<InvocationOutcome>();
        while (!flood.IsCompleted)
        {
            outcomes.Add((await runtime.InvokeAsync("steady", """{"n":1}""")).Outcome);
        }

        var flooded = await flood;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        flooded.Outcome.Should().Be(InvocationOutcome.Success, flooded.LogTail.Length > 2000 ? flooded.LogTail[^2000..] : flooded.LogTail);
        outcomes.Should().NotBeEmpty().And.OnlyContain(o => o == InvocationOutcome.Success);
        (after - before).Should().BeLessThan(64L * 1024 * 1024, "100 MB of output is capped per invocation, never buffered");
        // Node buffers what the pipe does not take, so most of the flood arrives after the response: the marker
        // comes whenever the budget runs out.
        var truncated = await marker.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await stopWatching.CancelAsync();
        await watching.ContinueWith(_ => { }, TaskScheduler.Default);
        truncated.Should().Contain("limit of 8388608 bytes");
    }

    [Fact]
    public async Task Probe_FromInsideAFunction_ReachesOnlyItsOwnCodeAndRuntimeApi()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox))
        {
            return;
        }

        await using var runtime = new TestRuntime();
        var secret = Path.Combine(runtime.StateDirectory, "platform-secret.txt");
        await File.WriteAllTextAsync(secret, "s3cr3t", TestContext.Current.CancellationToken);
        Environment.SetEnvironmentVariable("FATHOM_PLATFORM_SECRET", "leak");
        using var admin = new TcpListener(IPAddress.Loopback, 0);
        admin.Start();
        var adminPort = ((IPEndPoint)admin.LocalEndpoint).Port;
        var otherCode = Path.Combine(TestRuntime.Assets("node-basic"), "index.js");
        runtime.Load("prober", "index.probe", Asset);
        var payload = JsonSerializer.Serialize(new
        {
            read = new[] { secret, otherCode, $"/proc/{Environment.ProcessId}/environ", "/var/task/index.js" },
            write = new[] { "/var/task/index.js", "/var/task/new.js", "/tmp/scratch.txt" },
            connect = new object[] { new object[] { "127.0.0.1", adminPort }, new object[] { "10.0.2.2", adminPort } },
        });

        var result = await runtime.InvokeAsync("prober", payload);

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        var probe = Json(result.Payload);
        Ok(probe, "read", secret).Should().BeFalse("the data directory is not in the sandbox");
        Ok(probe, "read", otherCode).Should().BeFalse("another function's code is not in the sandbox");
        Ok(probe, "read", $"/proc/{Environment.ProcessId}/environ").Should().BeFalse("the platform's processes are in another pid namespace");
        Ok(probe, "read", "/var/task/index.js").Should().BeTrue("its own code is at /var/task");
        Ok(probe, "write", "/var/task/index.js").Should().BeFalse("the code directory is read-only");
        Ok(probe, "write", "/var/task/new.js").Should().BeFalse("the code directory is read-only");
        Ok(probe, "write", "/tmp/scratch.txt").Should().BeTrue("/tmp is writable, as on Lambda");
        Ok(probe, "connect", $"127.0.0.1:{adminPort}").Should().BeFalse("host loopback services are not in the namespace");
        Ok(probe, "connect", $"10.0.2.2:{adminPort}").Should().BeFalse("outbound network does not lead back to the host's loopback");
        probe.GetProperty("env").EnumerateArray().Select(e => e.GetString()).Should().NotContain("FATHOM_PLATFORM_SECRET");
        probe.GetProperty("uid").GetInt32().Should().NotBe(0);
    }

    [Fact]
    public async Task Probe_AnswerForAnotherEnvironmentsRequestAtItsRuntimeApiAddress_DoesNotReachIt()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox))
        {
            return;
        }

        await using var runtime = new TestRuntime();
        runtime.Load("victim", "index.slow", Asset);
        runtime.Load("attacker", "index.hijack", Asset);
        var victimId = Guid.NewGuid().ToString();

        var victim = runtime.Host.InvokeAsync(new InvocationRequest
        {
            App = "test",
            Environment = "test",
            FunctionName = "victim", Version = "$LATEST", Payload = """{"ms":3000}"""u8.ToArray(), Source = "test", RequestId = victimId,
        }, TestContext.Current.CancellationToken).AsTask();
        // The address the victim's runtime client was given: without its own network namespace, a host port any
        // process on the machine could reach.
        var printed = await runtime.NextEventAsync<Events.LogLine>(l => l.RequestId == victimId && l.Text.Contains("runtime-api ", StringComparison.Ordinal));
        var address = printed.Text[(printed.Text.IndexOf("runtime-api ", StringComparison.Ordinal) + 12)..].Trim();
        var attack = await runtime.InvokeAsync("attacker", JsonSerializer.Serialize(new { requestId = victimId, address }));
        var answered = await victim;

        attack.Outcome.Should().Be(InvocationOutcome.Success, attack.LogTail);
        Json(attack.Payload).TryGetProperty("status", out var status).Should().BeTrue(attack.LogTail);
        status.GetInt32().Should().NotBe(202, "the attacker's 127.0.0.1:9001 is its own Runtime API, which does not know the victim's request");
        Encoding.UTF8.GetString(answered.Payload.Span).Should().Be("\"mine\"", "the victim's call got its own answer");
    }

    [Theory]
    [InlineData(null, null, true)]      // the default: on
    [InlineData(null, false, false)]    // off for one function
    [InlineData(false, null, false)]    // off for the whole runtime
    [InlineData(false, true, true)]     // off by default, on for one function
    public async Task InvokeAsync_OutboundNetworkSwitches_DecideWhetherTheInternetIsReachable(bool? runtimeDefault, bool? function, bool reachable)
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox, IsolationDefence.NetworkNamespace))
        {
            return;
        }

        Assert.SkipWhen(SandboxCapabilities.Current.SlirpPath is null, "slirp4netns is not installed");
        // A service on the host's own non-loopback address stands in for the internet: reachable only through slirp4netns.
        var host = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up && i.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        Assert.SkipWhen(host is null, "the host has no non-loopback IPv4 address to stand in for the internet");
        using var internet = new TcpListener(host!, 0);
        internet.Start();
        var port = ((IPEndPoint)internet.LocalEndpoint).Port;
        await using var runtime = new TestRuntime(o => o.OutboundNetwork = runtimeDefault ?? o.OutboundNetwork);
        runtime.Load("net", "index.probe", Asset, configure: d => d with { OutboundNetwork = function });

        var result = await runtime.InvokeAsync("net", JsonSerializer.Serialize(new { connect = new[] { new object[] { host!.ToString(), port } } }));

        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        Ok(Json(result.Payload), "connect", $"{host}:{port}").Should().Be(reachable);
    }

    [Fact]
    public async Task LoadAsync_ProvisionedConcurrency_FirstCallIsWarm()
    {
        await using var runtime = new TestRuntime();
        var definition = new FunctionDefinition
        {
            App = "test",
            EnvironmentName = "test",
            Name = "provisioned", Runtime = "nodejs20.x", Handler = "index.env", CodeDirectory = TestRuntime.Assets(Asset),
            Timeout = TimeSpan.FromSeconds(30), ProvisionedConcurrency = 2,
        };

        await runtime.Host.LoadAsync(definition);
        var count = runtime.Host.EnvironmentCount("provisioned", "$LATEST");
        var first = await runtime.InvokeAsync("provisioned");

        count.Should().Be(2);
        first.Outcome.Should().Be(InvocationOutcome.Success, first.LogTail);
        first.InitDuration.Should().BeNull("a provisioned environment answers the first call warm");
        first.LogTail.Should().NotContain("Init Duration");
        Json(first.Payload).GetProperty("env").GetProperty("AWS_LAMBDA_INITIALIZATION_TYPE").GetString().Should().Be("provisioned-concurrency");
    }

    [Fact]
    public async Task DisposeAsync_SandboxedFunctionSpawnedAChild_NothingOutlivesTheHost()
    {
        if (!await Defences.AvailableAsync(IsolationDefence.Sandbox))
        {
            return;
        }

        var runtime = new TestRuntime();
        var marker = "fathom-marker-" + Guid.NewGuid().ToString("N");
        runtime.Load("spawner", "index.spawn", Asset);
        var result = await runtime.InvokeAsync("spawner", JsonSerializer.Serialize(new { marker }));
        result.Outcome.Should().Be(InvocationOutcome.Success, result.LogTail);
        ProcessesWith(marker).Should().NotBeEmpty();

        await runtime.DisposeAsync();

        (await Wait.UntilAsync(() => ProcessesWith(marker).Count == 0)).Should().BeTrue("the sandbox and its cgroup go with the host");
    }

    private static List<int> ProcessesWith(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal) && Wait.IsAlive(pid))
                    {
                        found.Add(pid);
                    }
                }
                catch (IOException)
                {
                }
            }
        }

        return found;
    }

    private static bool Ok(JsonElement probe, string kind, string key) => probe.GetProperty(kind).GetProperty(key).GetProperty("ok").GetBoolean();

    private static JsonElement Json(ReadOnlyMemory<byte> payload) => JsonDocument.Parse(payload).RootElement.Clone();
}

using System.Diagnostics;
using System.Globalization;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;

namespace Fathom.Benchmarks;

/// <summary>Invocations straight through <see cref="FunctionRuntime.InvokeAsync"/>, no HTTP in front: the runtime's own
/// round trip (Runtime API + runtime client), sequential and with N concurrent callers.</summary>
internal static class LoopBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var count = arguments.Int("count", 5000);
        var concurrency = arguments.Int("concurrency", 1);
        var options = new RuntimeOptions { MaxQueueLength = 10_000 };
        options.MaxEnvironmentsPerFunction = arguments.Int("envs", options.MaxEnvironmentsPerFunction);
        await using var runtime = new FunctionRuntime(arguments.Sandbox(options));
        runtime.Load(new FunctionDefinition
        {
            App = "bench",
            EnvironmentName = "bench",
            Name = "loop",
            Runtime = "nodejs20.x",
            Handler = "index.handler",
            CodeDirectory = BenchArguments.FunctionDirectory(),
            Timeout = TimeSpan.FromSeconds(30),
        });
        var payload = """{"rawPath":"/hello"}"""u8.ToArray();
        async Task<double> Once()
        {
            var started = Stopwatch.GetTimestamp();
            var result = await runtime.InvokeAsync(new InvocationRequest { App = "bench", Environment = "bench", FunctionName = "loop", Version = "$LATEST", Payload = payload, Source = "bench" }, CancellationToken.None);
            if (result.Outcome != InvocationOutcome.Success)
            {
                throw new InvalidOperationException(result.ErrorMessage);
            }

            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        for (var i = 0; i < 500; i++)
        {
            await Once();
        }

        var latencies = new List<double>(count);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var switchesBefore = ContextSwitches();
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = 0; i < count / concurrency; i++)
            {
                var latency = await Once();
                lock (latencies)
                {
                    latencies.Add(latency);
                }
            }
        }));
        total.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var switches = ContextSwitches() - switchesBefore;
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"c{concurrency}: {latencies.Count / total.Elapsed.TotalSeconds:F0} invocations/s, p50 {latencies[latencies.Count / 2]:F3} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F3} ms, platform CPU {cpu.TotalMicroseconds / latencies.Count:F0} us/invocation, {(double)switches / latencies.Count:F1} context switches/invocation"));
        return 0;
    }

    /// <summary>Voluntary context switches of every thread of this process so far (threads that exited are not counted).</summary>
    private static long ContextSwitches()
    {
        long total = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
            }
        }

        return total;
    }
}

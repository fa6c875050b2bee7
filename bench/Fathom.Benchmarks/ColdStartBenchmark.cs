using System.Diagnostics;
using System.Globalization;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;

namespace Fathom.Benchmarks;

/// <summary>Cold start: from an invoke with no environment to its response (process launch, runtime client init,
/// first invocation), median of N, against `node -e 0` (launch to exit) measured the same way in the same run.</summary>
internal static class ColdStartBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var runs = arguments.Int("runs", 10);
        var node = Fathom.Runtime.RuntimeClient.NodeInstallation.Find(null);
        await using var runtime = new FunctionRuntime(arguments.Sandbox(new RuntimeOptions()));
        var definition = new FunctionDefinition
        {
            App = "bench",
            EnvironmentName = "bench",
            Name = "cold",
            Runtime = "nodejs20.x",
            Handler = "index.handler",
            CodeDirectory = BenchArguments.FunctionDirectory(),
            Timeout = TimeSpan.FromSeconds(30),
        };

        // One warm-up of each so file caches are hot, as hyperfine's --warmup does.
        await NodeOnceAsync(node.Path);
        await ColdOnceAsync(runtime, definition);

        var nodeTimes = new List<double>();
        var coldTimes = new List<double>();
        var initTimes = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            nodeTimes.Add(await NodeOnceAsync(node.Path));
            var (total, init) = await ColdOnceAsync(runtime, definition);
            coldTimes.Add(total);
            initTimes.Add(init);
        }

        var nodeMedian = Median(nodeTimes);
        var coldMedian = Median(coldTimes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node -e 0 (launch to exit):           median {nodeMedian:F1} ms  [{string.Join(' ', nodeTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold invoke (launch to response):     median {coldMedian:F1} ms  [{string.Join(' ', coldTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  of which Init Duration (to /next):  median {Median(initTimes):F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold - node: {coldMedian - nodeMedian:F1} ms (target <= 60 ms)"));
        return 0;
    }

    private static async Task<(double Total, double Init)> ColdOnceAsync(FunctionRuntime runtime, FunctionDefinition definition)
    {
        runtime.Load(definition);
        var started = Stopwatch.GetTimestamp();
        var result = await runtime.InvokeAsync(new InvocationRequest
        {
            App = "bench",
            Environment = "bench",
            FunctionName = definition.Name,
            Version = definition.Version,
            Payload = """{"rawPath":"/hello"}"""u8.ToArray(),
            Source = "bench",
        }, CancellationToken.None);
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Outcome != InvocationOutcome.Success || result.InitDuration is null)
        {
            throw new InvalidOperationException($"cold invoke failed: {result.Outcome} {result.ErrorMessage}");
        }

        await runtime.UnloadAsync(definition.Name, definition.Version);
        return (total, result.InitDuration.Value.TotalMilliseconds);
    }

    private static async Task<double> NodeOnceAsync(string node)
    {
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(new ProcessStartInfo(node, "-e 0") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

using System.Diagnostics;
using System.Globalization;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;
using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Benchmarks;

/// <summary>
/// The metric store: (1) the recorder's CPU per invocation at a steady rate (offer, aggregate, write each closed second
/// with its rollups), on a fake clock so only the work is timed; (2) a day of minutes for F functions written through the
/// real writer, then p50/p95 of warm queries for one function over 24 h at a 1-minute period.
/// </summary>
internal static class MetricsBenchmark
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static Task<int> RunAsync(BenchArguments arguments)
    {
        var rate = arguments.Int("rate", 1_000);
        var seconds = arguments.Int("seconds", 60);
        var functions = arguments.Int("functions", 10);
        var runs = arguments.Int("runs", 100);
        var directory = Path.Combine(Path.GetTempPath(), "fathom-bench-metrics-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            RecorderCost(Path.Combine(directory, "recorder"), rate, seconds, functions);
            Queries(Path.Combine(directory, "queries"), functions, runs);
            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void RecorderCost(string directory, int rate, int seconds, int functions)
    {
        var time = new FakeTimeProvider(T0);
        using var store = MetricStore.Open(directory);
        var recorder = new MetricRecorder(store, new TelemetryDrops(), new MetricsOptions(), time, NullLogger<MetricRecorder>.Instance);
        var random = new Random(7);
        // Generated first, so the measurement is the recorder's alone.
        var invocations = Enumerable.Range(0, rate * seconds).Select(i => Invocation(T0.AddSeconds((double)i / rate), random, $"fn-{i % functions:D2}")).ToList();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var next = 0;
        for (var second = 1; second <= seconds + 2; second++)
        {
            var end = T0.AddSeconds(second);
            while (next < invocations.Count && invocations[next].Time < end)
            {
                recorder.OfferInvocation(invocations[next++]);
            }

            time.SetUtcNow(end);
            recorder.Flush(end);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine(Invariant($"recorder: {invocations.Count:N0} invocations ({rate:N0}/s over {seconds} s, {functions} functions): CPU {cpu.TotalMicroseconds / invocations.Count:F1} us per invocation ({cpu.TotalMilliseconds / seconds:F1} ms per second of traffic = {cpu.TotalMilliseconds / seconds / 10:F2} % of one core), wall {wall.Elapsed.TotalSeconds:F1} s; {recorder.Stats.PointsWritten:N0} second points written"));
    }

    private static void Queries(string directory, int functions, int runs)
    {
        using (var store = MetricStore.Open(directory))
        {
            // A day of minutes: each minute's traffic arrives as one second, through the real writer (rollups included).
            var random = new Random(11);
            var fill = Stopwatch.StartNew();
            var time = new FakeTimeProvider(T0);
            var recorder = new MetricRecorder(store, new TelemetryDrops(), new MetricsOptions(), time, NullLogger<MetricRecorder>.Instance);
            for (var minute = 0; minute < 24 * 60; minute++)
            {
                var at = T0.AddMinutes(minute).AddSeconds(30);
                for (var f = 0; f < functions; f++)
                {
                    for (var i = 0; i < 20; i++)
                    {
                        recorder.OfferInvocation(Invocation(at, random, $"fn-{f:D2}"));
                    }
                }

                time.SetUtcNow(at.AddSeconds(3));
                recorder.Flush(at.AddSeconds(3));
            }

            Console.WriteLine(Invariant($"filled 24 h of minutes for {functions} functions in {fill.Elapsed.TotalSeconds:F1} s"));
        }

        using var reopened = MetricStore.Open(directory);
        Console.WriteLine();
        Console.WriteLine(Invariant($"| query: one function, 24 h, 1-minute period ({runs} warm runs) | series | points | p50 (ms) | p95 (ms) |"));
        Console.WriteLine("|---|---|---|---|---|");
        Measure(reopened, runs, "Duration p99", new MetricQuery { Function = "fn-03", Metric = "Duration", Stats = ["p99"], Start = T0, End = T0.AddDays(1) });
        Measure(reopened, runs, "Invocations sum", new MetricQuery { Function = "fn-03", Metric = "Invocations", Stats = ["sum"], Start = T0, End = T0.AddDays(1) });
        Measure(reopened, runs, "every built-in metric, default statistics", new MetricQuery { Function = "fn-03", Start = T0, End = T0.AddDays(1) });
        Measure(reopened, runs, "Duration p99, 1-hour period (hour rollup)", new MetricQuery { Function = "fn-03", Metric = "Duration", Stats = ["p99"], Start = T0, End = T0.AddDays(1), Period = TimeSpan.FromHours(1) });
        Measure(reopened, runs / 10, "Duration p99, 5-minute period (histograms merged)", new MetricQuery { Function = "fn-03", Metric = "Duration", Stats = ["p99"], Start = T0, End = T0.AddDays(1), Period = TimeSpan.FromMinutes(5) });
        Measure(reopened, runs / 10, "Duration p99 with the 24 h total (1,440 histograms merged)", new MetricQuery { Function = "fn-03", Metric = "Duration", Stats = ["p99"], Start = T0, End = T0.AddDays(1), IncludeTotal = true });
    }

    private static void Measure(MetricStore store, int runs, string name, MetricQuery query)
    {
        MetricQueryResult? result = null;
        for (var i = 0; i < 5; i++)
        {
            result = store.Query(query);
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            result = store.Query(query);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(Invariant($"| {name} | {result!.Series.Count} | {result.Series.Sum(s => s.Points.Count):N0} | {times[times.Count / 2]:F2} | {times[(int)(times.Count * 0.95)]:F2} |"));
    }

    private static InvocationCompleted Invocation(DateTimeOffset end, Random random, string function)
    {
        var duration = TimeSpan.FromMilliseconds(5 + (random.NextDouble() * random.NextDouble() * 500));
        return new InvocationCompleted
        {
            App = "bench",
            Environment = "local",
            FunctionName = function,
            Version = "1",
            Qualifier = "live",
            Source = "api",
            RequestId = "r",
            Time = end,
            Start = end - duration,
            Duration = duration,
            InitDuration = random.Next(1000) == 0 ? TimeSpan.FromMilliseconds(180) : null,
            MaxMemoryUsedMb = 60 + random.Next(20),
            MemorySizeMb = 128,
            Outcome = random.Next(100) == 0 ? InvocationOutcome.FunctionError : InvocationOutcome.Success,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

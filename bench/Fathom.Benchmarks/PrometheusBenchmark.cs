using System.Diagnostics;
using Fathom.Runtime.Events;
using Fathom.Runtime.Invocations;
using Fathom.Telemetry.Metrics.Prometheus;

namespace Fathom.Benchmarks;

/// <summary>The Prometheus exposition: what one <see cref="PrometheusRegistry.OfferInvocation"/> costs the ingest loop,
/// and what one scrape of <c>/metrics</c> costs (render time and size) with many series.</summary>
internal static class PrometheusBenchmark
{
    public static Task<int> RunAsync(BenchArguments arguments)
    {
        var functions = arguments.Int("functions", 100);
        var count = arguments.Int("count", 1_000_000);
        // Two versions (the live one and the one before, within its 15 minutes) and two sources (api, uptime) per function.
        var invocations = Enumerable.Range(0, functions * 4).Select(i => Invocation($"fn{i / 4:000}", $"{i % 2 + 1}", i % 4 < 2 ? "api" : "uptime")).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var registry = new PrometheusRegistry(new PrometheusOptions(), TimeProvider.System);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                registry.OfferInvocation(invocations[i % invocations.Length]);
            }

            var offer = Stopwatch.GetElapsedTime(started);
            var exposition = new PrometheusExposition([new RegistryCollector(registry)]);
            var text = exposition.Render();
            started = Stopwatch.GetTimestamp();
            const int Scrapes = 20;
            for (var i = 0; i < Scrapes; i++)
            {
                text = exposition.Render();
            }

            var scrape = Stopwatch.GetElapsedTime(started) / Scrapes;
            var samples = text.Split('\n').Count(line => line.Length > 0 && line[0] != '#');
            Console.WriteLine(
                $"offer {offer.TotalNanoseconds / count,4:0} ns/invocation; scrape of {registry.FunctionSeriesCount} function series: " +
                $"{samples} samples, {text.Length / 1024.0 / 1024.0:0.0} MB, {scrape.TotalMilliseconds:0} ms");
        }

        return Task.FromResult(0);
    }

    private static InvocationCompleted Invocation(string function, string version, string source) => new()
    {
        App = "bench",
        Environment = "prod",
        FunctionName = function,
        Version = version,
        Qualifier = "live",
        Source = source,
        RequestId = "8f5c1f52-2d4e-4a8a-9b9e-5d1c2f3a4b5c",
        Time = DateTimeOffset.UnixEpoch,
        Start = DateTimeOffset.UnixEpoch,
        Duration = TimeSpan.FromMilliseconds(37),
        MaxMemoryUsedMb = 80,
        MemorySizeMb = 128,
        Outcome = InvocationOutcome.Success,
    };
}

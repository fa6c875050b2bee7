namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>The fixed histogram bucket bounds (upper, inclusive; <c>+Inf</c> is implied). Fixed so that a bucket means
/// the same on every Fathom and in every scrape, which is what lets PromQL add histograms across series.</summary>
internal static class Buckets
{
    /// <summary>Durations in seconds: 5 ms up to 30 s, past Lambda's API Gateway limit (29 s).</summary>
    public static readonly double[] Seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Memory in bytes: powers of two from 16 MB (a small Node handler's own use) to 8 GB, and 10 GB (Lambda's
    /// largest size).</summary>
    public static readonly double[] MemoryBytes =
        [.. new[] { 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 10240 }.Select(mb => mb * 1024.0 * 1024.0)];
}

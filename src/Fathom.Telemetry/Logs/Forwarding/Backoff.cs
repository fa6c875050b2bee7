namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>Exponential back-off with jitter: the n-th retry waits about initial × 2ⁿ, at most the maximum, spread by
/// ±25 % so forwarders of many apps that failed together do not all retry in the same instant.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, double random)
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        var jittered = capped * (0.75 + (0.5 * random));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, max.TotalMilliseconds));
    }
}

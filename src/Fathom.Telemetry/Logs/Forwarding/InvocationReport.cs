using System.Globalization;

namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>An invocation record as forwarded: Lambda's REPORT line as text, and its numbers as separate fields.</summary>
internal static class InvocationReport
{
    public static string Text(LogRecord record, InvocationSummary summary)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {record.RequestId}\tDuration: {summary.Duration.TotalMilliseconds:0.00} ms\tBilled Duration: {(long)summary.BilledDuration.TotalMilliseconds} ms\tMemory Size: {summary.MemorySizeMb} MB\tMax Memory Used: {summary.MaxMemoryUsedMb} MB");
        return summary.InitDuration is { } init
            ? string.Create(CultureInfo.InvariantCulture, $"{text}\tInit Duration: {init.TotalMilliseconds:0.00} ms")
            : text;
    }

    /// <summary>The numbers, with the names both destinations use (OTLP attributes get a <c>fathom.</c> prefix).</summary>
    public static IEnumerable<(string Name, object Value)> Fields(InvocationSummary summary)
    {
        yield return ("duration_ms", Math.Round(summary.Duration.TotalMilliseconds, 3));
        yield return ("billed_duration_ms", (long)summary.BilledDuration.TotalMilliseconds);
        yield return ("memory_size_mb", (long)summary.MemorySizeMb);
        yield return ("max_memory_used_mb", (long)summary.MaxMemoryUsedMb);
        if (summary.InitDuration is { } init)
        {
            yield return ("init_duration_ms", Math.Round(init.TotalMilliseconds, 3));
        }

        yield return ("outcome", summary.Outcome);
    }
}

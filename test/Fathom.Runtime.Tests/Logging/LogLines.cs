using Fathom.Runtime.Events;
using Fathom.Runtime.Tests.Support;

namespace Fathom.Runtime.Tests.Logging;

/// <summary>Reads a test runtime's events until the invocations it names have reported.</summary>
internal static class LogLines
{
    /// <summary>Every log line published until each of <paramref name="requestIds"/> has its REPORT (or
    /// <c>platform.report</c>), in order; the REPORT comes after the invocation's output has drained.</summary>
    public static async Task<List<LogLine>> UntilReportedAsync(TestRuntime runtime, params string[] requestIds)
    {
        var waiting = new HashSet<string>(requestIds, StringComparer.Ordinal);
        var lines = new List<LogLine>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var item in runtime.Subscription.Reader.ReadAllAsync(timeout.Token))
        {
            if (item is not LogLine line)
            {
                continue;
            }

            lines.Add(line);
            if (line is { Stream: LogStream.Platform, RequestId: { } id } && IsReport(line.Text) && waiting.Remove(id) && waiting.Count == 0)
            {
                return lines;
            }
        }

        throw new InvalidOperationException("event stream ended");
    }

    /// <summary>The lines of one invocation, START through REPORT.</summary>
    public static async Task<List<LogLine>> OfAsync(TestRuntime runtime, string requestId) =>
        [.. (await UntilReportedAsync(runtime, requestId)).Where(l => l.RequestId == requestId)];

    private static bool IsReport(string text) =>
        text.StartsWith("REPORT ", StringComparison.Ordinal) || text.Contains("\"type\":\"platform.report\"", StringComparison.Ordinal);
}

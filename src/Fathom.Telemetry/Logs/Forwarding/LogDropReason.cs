namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>Why a forwarder dropped records: the keys of <see cref="LogForwarderStats.DroppedByReason"/>.</summary>
public static class LogDropReason
{
    /// <summary>The forwarder's queue was full when the record arrived (the destination is slower than the logs, or down).</summary>
    public const string QueueFull = "queue_full";

    /// <summary>The destination refused the records for good (an HTTP 4xx other than 408 and 429).</summary>
    public const string Rejected = "rejected";

    /// <summary>Still unsent when the forwarder's stop deadline passed, or offered after it stopped.</summary>
    public const string Shutdown = "shutdown";

    /// <summary>Every reason, in the order <c>fathom logs --stats</c> shows them.</summary>
    public static IReadOnlyList<string> All { get; } = [QueueFull, Rejected, Shutdown];
}

namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>One forwarder's counters since it started.</summary>
public sealed record LogForwarderStats
{
    /// <summary>See <see cref="ILogForwarder.Destination"/>.</summary>
    public required string Destination { get; init; }

    /// <summary>Records offered to the forwarder, including those it dropped at once.</summary>
    public required long Accepted { get; init; }

    /// <summary>Records the destination acknowledged (HTTP 2xx), or, for syslog, written to a connection that did not fail.</summary>
    public required long Delivered { get; init; }

    /// <summary>Records dropped, by <see cref="LogDropReason"/>; every reason is present, zero or not.</summary>
    public required IReadOnlyDictionary<string, long> DroppedByReason { get; init; }

    /// <summary>Records queued or being sent.</summary>
    public required long Pending { get; init; }

    /// <summary>The last failure to send (for people), or null when the last attempt succeeded.</summary>
    public string? LastError { get; init; }

    /// <summary>The sum of <see cref="DroppedByReason"/>.</summary>
    public long Dropped => DroppedByReason.Values.Sum();
}

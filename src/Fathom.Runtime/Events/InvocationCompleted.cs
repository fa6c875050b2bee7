using Fathom.Runtime.Invocations;

namespace Fathom.Runtime.Events;

/// <summary>One record per invocation, whatever its outcome (DESIGN.md "Invocation events").</summary>
public sealed record InvocationCompleted : RuntimeEvent
{
    /// <summary>The request payload kept with the record is capped at this many bytes.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    public required string RequestId { get; init; }

    /// <summary>The alias or version the caller invoked through, or null for the unqualified name.</summary>
    public string? Qualifier { get; init; }

    /// <summary>Where the call came from, e.g. <c>api</c>, <c>invoke</c>, <c>schedule</c>.</summary>
    public required string Source { get; init; }

    /// <summary>When the call arrived.</summary>
    public required DateTimeOffset Start { get; init; }

    public TimeSpan Duration { get; init; }

    public TimeSpan BilledDuration { get; init; }

    /// <summary>Set when this invocation started a new environment.</summary>
    public TimeSpan? InitDuration { get; init; }

    public int MaxMemoryUsedMb { get; init; }

    public int MemorySizeMb { get; init; }

    public required InvocationOutcome Outcome { get; init; }

    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>For throttled calls: why.</summary>
    public string? ThrottleReason { get; init; }

    /// <summary>The request payload, at most <see cref="MaxPayloadBytes"/>.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>True when <see cref="Payload"/> was cut to <see cref="MaxPayloadBytes"/>.</summary>
    public bool PayloadTruncated { get; init; }
}

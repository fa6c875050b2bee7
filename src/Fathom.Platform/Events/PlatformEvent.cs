namespace Fathom.Platform.Events;

/// <summary>Something others react to (DESIGN.md "Platform events"), written to <c>platform.db</c> before anything
/// acts on it.</summary>
public sealed record PlatformEvent
{
    /// <summary>Monotonic; 0 until stored. The cursor consumers keep.</summary>
    public long Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>One of <see cref="PlatformEventKinds"/>.</summary>
    public required string Kind { get; init; }

    public string? App { get; init; }

    public string? Environment { get; init; }

    public string? Function { get; init; }

    public string? Version { get; init; }

    /// <summary>The same key stored twice is one event: a producer that repeats itself after a restart adds nothing.</summary>
    public required string DedupeKey { get; init; }

    /// <summary>A JSON object with the kind's details.</summary>
    public string Payload { get; init; } = "{}";
}

namespace Fathom.Telemetry.Errors;

/// <summary>One issue as the list and the detail show it.</summary>
public sealed record IssueSummary
{
    public required long Id { get; init; }

    public required string Fingerprint { get; init; }

    public required string App { get; init; }

    public required string Environment { get; init; }

    public required string Type { get; init; }

    /// <summary><c>Type: message</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The top in-app frame, <c>function (file)</c>, or null when there is none.</summary>
    public string? Culprit { get; init; }

    public required long Count { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    public required string FirstVersion { get; init; }

    public required string LastVersion { get; init; }

    public required string State { get; init; }

    /// <summary>True once a resolved issue came back in a newer version (cleared when it is resolved again).</summary>
    public bool Regressed { get; init; }

    /// <summary>The version that was current when the issue was resolved.</summary>
    public string? ResolvedVersion { get; init; }

    public DateTimeOffset? IgnoredUntil { get; init; }

    /// <summary>For an ignore that ends after more events: the count at which it ends.</summary>
    public long? IgnoredUntilCount { get; init; }

    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary><c>function:version</c> pairs that saw the issue.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];
}

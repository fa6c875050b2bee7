namespace Fathom.Telemetry.Logs;

/// <summary>
/// What to read from the log store. Every set property narrows the result. Without <see cref="After"/> a page is newest
/// first (descending <see cref="LogRecord.Sequence"/>), continuing below <see cref="Before"/>; with <see cref="After"/>
/// it is oldest first, continuing above it (catch-up reads, live tails).
/// </summary>
public sealed record LogQuery
{
    /// <summary>The page size when none is given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page served.</summary>
    public const int MaxLimit = 1000;

    public string? App { get; init; }

    public string? Environment { get; init; }

    public string? Function { get; init; }

    public string? Version { get; init; }

    public string? RequestId { get; init; }

    /// <summary>Only records at this level or above.</summary>
    public LogLevel? MinLevel { get; init; }

    /// <summary>Only records at or after this time (inclusive).</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Only records before this time (exclusive).</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>A parsed filter (<see cref="LogFilter.Parse"/>); null matches everything.</summary>
    public LogFilter? Filter { get; init; }

    /// <summary>Only records with a sequence below this one: the <see cref="LogPage.NextCursor"/> of a newest-first page.</summary>
    public long? Before { get; init; }

    /// <summary>Only records with a sequence above this one, oldest first: the <see cref="LogPage.NextCursor"/> of an
    /// oldest-first page, or a live tail's <c>Last-Event-ID</c>.</summary>
    public long? After { get; init; }

    /// <summary>The page size, <see cref="DefaultLimit"/> by default, at most <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    internal bool Ascending => After is not null;

    internal int EffectiveLimit => Math.Clamp(Limit, 1, MaxLimit);
}

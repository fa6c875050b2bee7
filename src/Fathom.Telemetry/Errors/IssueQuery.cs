namespace Fathom.Telemetry.Errors;

/// <summary>Which issues a list shows.</summary>
public sealed record IssueQuery
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    public string? Function { get; init; }

    public string? State { get; init; }

    /// <summary>Only issues of this app (<c>fathom server</c> holds several); null for all.</summary>
    public string? App { get; init; }

    /// <summary>Only issues of this environment; null for all.</summary>
    public string? Environment { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public IssueCursor? Cursor { get; init; }
}

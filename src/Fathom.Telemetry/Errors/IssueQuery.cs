namespace Fathom.Telemetry.Errors;

/// <summary>Which issues a list shows.</summary>
public sealed record IssueQuery
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    public string? Function { get; init; }

    public string? State { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public IssueCursor? Cursor { get; init; }
}

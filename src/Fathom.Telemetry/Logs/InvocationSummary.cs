namespace Fathom.Telemetry.Logs;

/// <summary>What Lambda prints as START, END and REPORT for one invocation (the <c>platform.start</c> and
/// <c>platform.report</c> records in JSON log format).</summary>
public sealed record InvocationSummary
{
    /// <summary>When the invocation started (the START line's time); the record's own time is its end.</summary>
    public required DateTimeOffset Start { get; init; }

    public required TimeSpan Duration { get; init; }

    public required TimeSpan BilledDuration { get; init; }

    public required int MemorySizeMb { get; init; }

    public required int MaxMemoryUsedMb { get; init; }

    /// <summary>Set when the invocation started a new environment.</summary>
    public TimeSpan? InitDuration { get; init; }

    /// <summary>The outcome's name (<c>Success</c>, <c>FunctionError</c>, <c>Timeout</c>, ...).</summary>
    public required string Outcome { get; init; }
}

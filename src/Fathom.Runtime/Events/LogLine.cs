namespace Fathom.Runtime.Events;

/// <summary>One line of function output, published as it is produced.</summary>
public sealed record LogLine : RuntimeEvent
{
    /// <summary>The invocation the line belongs to; null for lines written during init or between invocations.</summary>
    public string? RequestId { get; init; }

    /// <summary>The stream the line was written to.</summary>
    public required LogStream Stream { get; init; }

    /// <summary>The level the runtime client gave the line (its framed log stream), e.g. <c>WARN</c>; null when the
    /// line carries none of its own.</summary>
    public string? Level { get; init; }

    /// <summary>The line without its newline.</summary>
    public required string Text { get; init; }

    /// <summary>The execution environment that wrote it (the last part of its log stream name).</summary>
    public string? EnvironmentId { get; init; }
}

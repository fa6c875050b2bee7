namespace Fathom.Runtime.Events;

/// <summary>One line of function output, published as it is produced.</summary>
public sealed record LogLine : RuntimeEvent
{
    /// <summary>The invocation the line belongs to; null for lines written during init or between invocations.</summary>
    public string? RequestId { get; init; }

    /// <summary>The alias or version the invocation was called through; null during init, between invocations and
    /// for the unqualified name.</summary>
    public string? Qualifier { get; init; }

    /// <summary>Where the invocation came from (<c>api</c>, <c>invoke</c>, ...); null during init and between invocations.</summary>
    public string? Source { get; init; }

    /// <summary>The stream the line was written to.</summary>
    public required LogStream Stream { get; init; }

    /// <summary>The line without its newline. A <see cref="LogStream.Telemetry"/> record keeps the newlines inside it
    /// (a stack trace is one record).</summary>
    public required string Text { get; init; }

    /// <summary>The level the runtime client gave the record (<c>TRACE</c>, <c>DEBUG</c>, <c>INFO</c>, <c>WARN</c>,
    /// <c>ERROR</c>, <c>FATAL</c>); null for lines without one (raw stdout and stderr, the platform's own).</summary>
    public string? Level { get; init; }

    /// <summary>The execution environment that wrote it (the last part of its log stream name).</summary>
    public string? EnvironmentId { get; init; }
}

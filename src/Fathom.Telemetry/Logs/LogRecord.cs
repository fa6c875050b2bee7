namespace Fathom.Telemetry.Logs;

/// <summary>One log record as stored, queried, tailed and forwarded: a line (or a multi-line message, such as a stack
/// trace, kept whole) a function printed, or one invocation's START/END/REPORT (<see cref="Invocation"/> set). Every
/// record carries the identity of DESIGN.md "Telemetry records".</summary>
public sealed record LogRecord
{
    /// <summary>The store's position of the record: assigned when stored, 0 before. Increases with every record stored.</summary>
    public long Sequence { get; init; }

    /// <summary>When the line was printed (for an invocation record: when it ended).</summary>
    public required DateTimeOffset Time { get; init; }

    public required string App { get; init; }

    public required string Environment { get; init; }

    public required string Function { get; init; }

    /// <summary>The version that ran: <c>$LATEST</c> or a published number.</summary>
    public required string Version { get; init; }

    /// <summary>The alias or version the call came through; null when unknown or unqualified.</summary>
    public string? Qualifier { get; init; }

    /// <summary>Where the invocation came from (DESIGN.md's closed list: <c>api</c>, <c>invoke</c>, ...); null when unknown
    /// (a line printed during init).</summary>
    public string? Source { get; init; }

    /// <summary>The invocation the line belongs to; null for lines printed during init or between invocations.</summary>
    public string? RequestId { get; init; }

    public required LogLevel Level { get; init; }

    /// <summary>The message without the runtime's prefix (time, request id, level); may span lines.</summary>
    public required string Message { get; init; }

    /// <summary>For a JSON line (<c>LoggingConfig.LogFormat: JSON</c> or a handler printing JSON): the object's text,
    /// whole, so field filters (<c>key=value</c>) and forwarders see every field. Null for text lines.</summary>
    public string? Fields { get; init; }

    /// <summary>Where the line came from: <c>stdout</c>, <c>stderr</c>, <c>telemetry</c> (the runtime client's framed
    /// log stream) or <c>platform</c> (an invocation record, or the platform's own lines such as a timeout).</summary>
    public required string Stream { get; init; }

    /// <summary>The execution environment that printed it (its log stream name's last part); null for the platform's.</summary>
    public string? EnvironmentId { get; init; }

    /// <summary>The W3C trace id (32 lowercase hex digits) of the trace the line was printed in, when known; forwarded as
    /// OTLP <c>trace_id</c>.</summary>
    public string? TraceId { get; init; }

    /// <summary>The W3C span id (16 lowercase hex digits) of the span the line was printed in, when known.</summary>
    public string? SpanId { get; init; }

    /// <summary>Set for one invocation's START/END/REPORT record: stored as one row, rendered as three lines on read.</summary>
    public InvocationSummary? Invocation { get; init; }
}

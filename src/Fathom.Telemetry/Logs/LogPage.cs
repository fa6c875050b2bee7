namespace Fathom.Telemetry.Logs;

/// <summary>One page of records, in the query's order (newest first unless it asked for <see cref="LogQuery.After"/>).</summary>
/// <param name="Records">The records of this page.</param>
/// <param name="NextCursor">Where the next page starts: pass it as <see cref="LogQuery.Before"/> (newest-first pages) or
/// <see cref="LogQuery.After"/> (oldest-first pages); null when this is the last page.</param>
public sealed record LogPage(IReadOnlyList<LogRecord> Records, long? NextCursor);

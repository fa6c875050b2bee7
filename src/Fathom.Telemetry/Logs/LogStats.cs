namespace Fathom.Telemetry.Logs;

/// <summary>How much the log store holds (<c>fathom logs --stats</c>, the status endpoint).</summary>
/// <param name="Rows">Records stored.</param>
/// <param name="FileBytes">The size on disk of <c>logs.db</c> and its write-ahead log.</param>
/// <param name="BytesInUse">The database pages holding data (excluding free pages): what retention's size limit counts.</param>
/// <param name="Oldest">The oldest record's time; null when empty.</param>
/// <param name="Newest">The newest record's time; null when empty.</param>
public sealed record LogStats(long Rows, long FileBytes, long BytesInUse, DateTimeOffset? Oldest, DateTimeOffset? Newest);

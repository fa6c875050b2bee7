namespace Fathom.Telemetry.Logs;

/// <summary>How much the log store keeps (server-level, DESIGN.md "Data": never set by an app).</summary>
public sealed class LogRetentionOptions
{
    /// <summary>Records older than this are deleted; 7 days by default.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The database pages in use are kept at or below this; 1 GB by default. When it is exceeded the oldest
    /// records are deleted until about 90 % of it is used, so retention does not run on every batch after.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>Rows deleted per transaction: small enough that an ingest batch never waits long behind one.</summary>
    public int DeleteChunkRows { get; set; } = 2_000;

    /// <summary>Free pages returned to the file system per step of <c>incremental_vacuum</c>.</summary>
    public int VacuumChunkPages { get; set; } = 1_024;
}

namespace Fathom.Telemetry.Logs;

/// <summary>What one retention run did.</summary>
/// <param name="RowsDeletedByAge">Records deleted for being older than <see cref="LogRetentionOptions.MaxAge"/>.</param>
/// <param name="RowsDeletedBySize">The oldest records deleted to bring the store under <see cref="LogRetentionOptions.MaxBytes"/>.</param>
/// <param name="BytesInUseBefore">Pages in use before the run, in bytes.</param>
/// <param name="BytesInUseAfter">Pages in use after it.</param>
/// <param name="FileBytesBefore"><c>logs.db</c> and its write-ahead log on disk before the run.</param>
/// <param name="FileBytesAfter">The same after it.</param>
public sealed record LogRetentionResult(
    long RowsDeletedByAge, long RowsDeletedBySize, long BytesInUseBefore, long BytesInUseAfter, long FileBytesBefore, long FileBytesAfter)
{
    /// <summary>All records deleted.</summary>
    public long RowsDeleted => RowsDeletedByAge + RowsDeletedBySize;
}

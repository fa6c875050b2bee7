namespace Fathom.Packaging.Transfer;

/// <summary>Bounds on an uploaded artifact, so one upload cannot fill the server's disk.</summary>
public sealed record ArtifactImportLimits
{
    /// <summary>Lambda's own limit on unzipped code is 250 MB; a little more leaves room for the manifest and tar overhead.</summary>
    public long MaxExtractedBytes { get; init; } = 262L * 1024 * 1024;

    public int MaxEntries { get; init; } = 100_000;
}

using System.Formats.Tar;
using System.IO.Compression;
using Fathom.Packaging.Artifacts;

namespace Fathom.Packaging.Transfer;

/// <summary>Moves a built artifact between machines: a gzip'd tar of its folder (<c>manifest.json</c> and <c>code/</c>)
/// one way, and back into a content-addressed folder on the other, checked against its name (<see cref="ArtifactImport"/>).</summary>
public static class ArtifactArchive
{
    /// <summary>Writes the artifact folder as a gzip'd tar (symbolic links kept as links, modes kept).</summary>
    public static async Task WriteAsync(string artifactDirectory, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (ArtifactManifest.TryRead(artifactDirectory) is null)
        {
            throw new PackageException(Path.GetFileName(artifactDirectory), $"'{artifactDirectory}' is not a built artifact (no {ArtifactManifest.FileName}).");
        }

        await using var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        await TarFile.CreateFromDirectoryAsync(artifactDirectory, gzip, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the artifacts folder holds a complete artifact of this hash.</summary>
    public static bool Exists(string artifactsDirectory, string hash) =>
        IsHash(hash) && ArtifactManifest.TryRead(Path.Combine(artifactsDirectory, hash)) is { } manifest && manifest.Hash == hash;

    /// <summary>A content hash as packaging names artifacts: 64 lowercase hex digits.</summary>
    public static bool IsHash(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

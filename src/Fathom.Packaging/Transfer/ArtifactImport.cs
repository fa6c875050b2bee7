using System.Formats.Tar;
using System.IO.Compression;
using Fathom.Packaging.Artifacts;
using Fathom.Packaging.Sources;

namespace Fathom.Packaging.Transfer;

/// <summary>Unpacks an uploaded artifact into a private folder beside the artifacts, checks that its content has the
/// hash it is named after, and renames it into <c>&lt;artifacts&gt;/&lt;hash&gt;</c>: a refused or half-received upload
/// is never visible as an artifact.</summary>
public static class ArtifactImport
{
    /// <summary>Imports one artifact; an artifact already present is kept and the upload discarded.</summary>
    /// <exception cref="ArtifactRejectedException">Not a gzip'd tar, over a limit, unsafe paths, or content that does not match <paramref name="hash"/>.</exception>
    public static async Task ImportAsync(Stream archive, string artifactsDirectory, string hash, ArtifactImportLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        limits ??= new ArtifactImportLimits();
        if (!ArtifactArchive.IsHash(hash))
        {
            throw new ArtifactRejectedException($"'{hash}' is not an artifact hash (64 lowercase hex digits)");
        }

        Directory.CreateDirectory(artifactsDirectory);
        var target = Path.Combine(artifactsDirectory, hash);
        var temp = Path.Combine(artifactsDirectory, $".upload-{hash[..12]}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
            await ExtractAsync(archive, temp, limits, cancellationToken).ConfigureAwait(false);
            Verify(temp, hash);
            if (ArtifactArchive.Exists(artifactsDirectory, hash))
            {
                return;
            }

            try
            {
                Directory.Move(temp, target);
            }
            catch (IOException) when (ArtifactArchive.Exists(artifactsDirectory, hash))
            {
                // Another upload of the same hash won the race: its copy is the same content.
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>The content hash check: the code, without what the build adds (node_modules, a lock file npm wrote), must
    /// hash to the artifact's name exactly as packaging hashed its source.</summary>
    internal static void Verify(string directory, string hash)
    {
        var manifest = ArtifactManifest.TryRead(directory)
            ?? throw new ArtifactRejectedException($"the upload has no readable {ArtifactManifest.FileName}; send the whole artifact folder");
        if (manifest.Hash != hash)
        {
            throw new ArtifactRejectedException($"the upload's manifest names artifact {manifest.Hash}, not {hash}");
        }

        var code = Path.Combine(directory, ArtifactWriter.CodeFolder);
        if (!Directory.Exists(code))
        {
            throw new ArtifactRejectedException("the upload has no code/ folder");
        }

        var scanner = new SourceScanner(new FileHashCache());
        var tree = scanner.Scan(code, manifest.Runtime, skipDirectory: null);
        if (tree.Hash == hash)
        {
            return;
        }

        // `npm install` (no lock file in the source) writes package-lock.json into the artifact.
        var withoutLock = tree.Files.Where(f => f.RelativePath != "package-lock.json").ToList();
        if (withoutLock.Count != tree.Files.Count && SourceScanner.HashOf(withoutLock, manifest.Runtime) == hash)
        {
            return;
        }

        throw new ArtifactRejectedException($"the upload's code does not match artifact {hash}: its content hashes to {tree.Hash}");
    }

    private static async Task ExtractAsync(Stream archive, string destination, ArtifactImportLimits limits, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        long total = 0;
        var entries = 0;
        try
        {
            await using var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
            await using var reader = new TarReader(gzip);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (++entries > limits.MaxEntries)
                {
                    throw new ArtifactRejectedException($"the upload has more than {limits.MaxEntries} entries");
                }

                var path = Path.GetFullPath(Path.Combine(destination, entry.Name));
                if (!path.StartsWith(root, StringComparison.Ordinal) && path + Path.DirectorySeparatorChar != root)
                {
                    throw new ArtifactRejectedException($"the upload's entry '{entry.Name}' points outside the artifact");
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(path);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        total += entry.Length;
                        if (total > limits.MaxExtractedBytes)
                        {
                            throw new ArtifactRejectedException($"the upload unpacks to more than {limits.MaxExtractedBytes / (1024 * 1024)} MB");
                        }

                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        await entry.ExtractToFileAsync(path, overwrite: false, cancellationToken).ConfigureAwait(false);
                        break;
                    case TarEntryType.SymbolicLink:
                        // npm links node_modules/.bin entries; a link may only point inside the artifact.
                        var linkTarget = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, entry.LinkName));
                        if (Path.IsPathRooted(entry.LinkName) || !linkTarget.StartsWith(root, StringComparison.Ordinal))
                        {
                            throw new ArtifactRejectedException($"the upload's link '{entry.Name}' points outside the artifact");
                        }

                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        File.CreateSymbolicLink(path, entry.LinkName);
                        break;
                    default:
                        throw new ArtifactRejectedException($"the upload's entry '{entry.Name}' is a {entry.EntryType}; only files, folders and links are accepted");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ArtifactRejectedException($"the upload is not a gzip'd tar: {e.Message}", e);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new ArtifactRejectedException($"the upload could not be unpacked: {e.Message}", e);
        }
    }
}

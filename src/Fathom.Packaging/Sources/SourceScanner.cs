using System.Security.Cryptography;
using System.Text;

namespace Fathom.Packaging.Sources;

/// <summary>Walks a code directory (following symlinks, skipping exclusions) and computes its content hash.</summary>
internal sealed class SourceScanner(FileHashCache cache)
{
    /// <summary>Bumped whenever the artifact layout or build steps change, so old artifacts are not reused.</summary>
    public const string BuilderVersion = "fathom-packaging/1";

    public SourceTree Scan(string codeDirectory, string runtime, string? skipDirectory)
    {
        var root = Path.GetFullPath(codeDirectory);
        var files = new List<SourceFile>();
        var ancestors = new HashSet<string>(StringComparer.Ordinal);
        var skip = skipDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(skipDirectory));
        Walk(new DirectoryInfo(root), "", files, ancestors, skip);
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new SourceTree(root, files, ComputeHash(files, runtime));
    }

    private void Walk(DirectoryInfo directory, string prefix, List<SourceFile> files, HashSet<string> ancestors, string? skip)
    {
        var real = RealPath(directory);
        if (!ancestors.Add(real))
        {
            return; // A symlink cycle: this directory is already being walked above us.
        }

        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var relative = prefix.Length == 0 ? entry.Name : prefix + "/" + entry.Name;
            var resolved = entry.LinkTarget is null ? entry.FullName : entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (resolved is null)
            {
                continue;
            }

            if (Directory.Exists(resolved))
            {
                if (SourceExclusions.DirectoryNames.Contains(entry.Name)
                    || (skip is not null && string.Equals(Path.TrimEndingDirectorySeparator(resolved), skip, StringComparison.Ordinal)))
                {
                    continue;
                }

                Walk(new DirectoryInfo(resolved), relative, files, ancestors, skip);
            }
            else if (File.Exists(resolved))
            {
                var info = new FileInfo(resolved);
                var hash = cache.GetHash(info.FullName, info.Length, info.LastWriteTimeUtc);
                files.Add(new SourceFile(relative, info.FullName, info.Length, info.UnixFileMode, hash));
            }

            // Anything else is a dangling symlink, a socket or a fifo: nothing to package.
        }

        ancestors.Remove(real);
    }

    private static string RealPath(DirectoryInfo directory) =>
        directory.LinkTarget is null
            ? Path.TrimEndingDirectorySeparator(directory.FullName)
            : directory.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory.FullName;

    /// <summary>The content hash of a file list (sorted by path), as <see cref="Scan"/> computes it.</summary>
    public static string HashOf(IReadOnlyList<SourceFile> files, string runtime) => ComputeHash(files, runtime);

    private static string ComputeHash(IReadOnlyList<SourceFile> files, string runtime)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, $"{BuilderVersion}\n{runtime}\n");
        foreach (var file in files)
        {
            // The executable bit matters (a custom runtime's bootstrap); other mode bits do not.
            Append(hash, $"{file.RelativePath}\0{(file.IsExecutable ? 'x' : '-')}\0{file.ContentHash}\n");
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}

using System.Security.Cryptography;
using Fathom.Packaging.Node;
using Fathom.Packaging.Sources;

namespace Fathom.Packaging.Artifacts;

/// <summary>
/// Builds one artifact in a private temp folder beside the artifacts and renames it into place,
/// so a half-built artifact is never visible and two builders of the same hash cannot corrupt each other.
/// </summary>
internal sealed class ArtifactWriter(NpmInstaller npm, TimeProvider timeProvider)
{
    public const string CodeFolder = "code";
    private const UnixFileMode ExecuteBits = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public async Task<BuildOutcome> WriteAsync(SourceTree tree, RuntimeKind kind, PackageRequest request, string artifactDirectory, TimeSpan toolTimeout)
    {
        var warnings = new List<string>();
        if (kind == RuntimeKind.Custom)
        {
            var bootstrap = tree.Find("bootstrap") ?? throw new BuildFailure(
                $"a custom runtime ({request.Runtime}) needs an executable file named 'bootstrap' at the root of its code directory '{tree.Root}', and there is none.");
            if (!bootstrap.IsExecutable)
            {
                warnings.Add($"'bootstrap' in '{tree.Root}' is not executable; the artifact's copy was made executable (chmod +x it to silence this).");
            }
        }

        var artifacts = Path.GetDirectoryName(artifactDirectory)!;
        Directory.CreateDirectory(artifacts);
        PruneAbandonedBuilds(artifacts, toolTimeout);
        var temp = Path.Combine(artifacts, $".build-{tree.Hash[..12]}-{Guid.NewGuid():N}");
        try
        {
            var code = Path.Combine(temp, CodeFolder);
            CopyTree(tree, code);
            if (kind == RuntimeKind.Custom && !OperatingSystem.IsWindows())
            {
                var bootstrap = Path.Combine(code, "bootstrap");
                File.SetUnixFileMode(bootstrap, File.GetUnixFileMode(bootstrap) | ExecuteBits);
            }

            var output = "";
            IReadOnlyList<string> skipped = [];
            if (kind == RuntimeKind.Node)
            {
                // Runs without the caller's token: the build is shared by every caller of this hash; the tool timeout bounds it.
                output = await npm.InstallAsync(code, CancellationToken.None).ConfigureAwait(false);
                skipped = NpmOutput.SkippedInstallScripts(output);
            }

            var manifest = new ArtifactManifest
            {
                Hash = tree.Hash,
                Runtime = request.Runtime,
                BuilderVersion = SourceScanner.BuilderVersion,
                BuiltFor = request.FunctionName,
                CreatedAt = timeProvider.GetUtcNow(),
                FileCount = tree.Files.Count,
                Warnings = warnings,
                SkippedInstallScripts = skipped,
            };
            manifest.Write(temp);
            return new BuildOutcome(Publish(temp, artifactDirectory, manifest), output);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Renames the finished folder into place; when another builder won the race, its artifact is used.</summary>
    private static ArtifactManifest Publish(string temp, string artifactDirectory, ArtifactManifest manifest)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Move(temp, artifactDirectory);
                return manifest;
            }
            catch (IOException) when (Directory.Exists(artifactDirectory))
            {
                if (ArtifactManifest.TryRead(artifactDirectory) is { } winner && winner.Hash == manifest.Hash)
                {
                    return winner;
                }

                if (attempt > 0)
                {
                    throw;
                }

                // A folder without a manifest is not an artifact (left by hand or by a tool): set it aside and retry.
                var stale = artifactDirectory + $".stale-{Guid.NewGuid():N}";
                Directory.Move(artifactDirectory, stale);
                TryDelete(stale);
            }
        }
    }

    /// <summary>
    /// Deletes build folders left by a process that died mid-build. A live build is never older than the tool
    /// timeout plus its copy, so anything well past that is abandoned.
    /// </summary>
    private void PruneAbandonedBuilds(string artifacts, TimeSpan toolTimeout)
    {
        var cutoff = timeProvider.GetUtcNow().UtcDateTime - toolTimeout - TimeSpan.FromMinutes(10);
        foreach (var directory in new DirectoryInfo(artifacts).EnumerateDirectories(".build-*")
            .Concat(new DirectoryInfo(artifacts).EnumerateDirectories("*.stale-*")))
        {
            if (directory.CreationTimeUtc < cutoff && directory.LastWriteTimeUtc < cutoff)
            {
                TryDelete(directory.FullName);
            }
        }
    }

    private static void CopyTree(SourceTree tree, string destination)
    {
        Directory.CreateDirectory(destination);
        var buffer = new byte[81920];
        foreach (var file in tree.Files)
        {
            var target = Path.Combine(destination, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var source = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1))
            using (var sink = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    sink.Write(buffer, 0, read);
                }
            }

            // What is copied must be what was hashed, or the artifact would not match its name.
            if (!string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), file.ContentHash, StringComparison.Ordinal))
            {
                throw new SourceChangedException(file.RelativePath);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, file.Mode);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder wastes space but harms nothing: it is never read as an artifact.
        }
    }
}

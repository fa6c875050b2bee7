using System.Collections.Concurrent;
using Fathom.Packaging.Node;
using Fathom.Packaging.Sources;

namespace Fathom.Packaging.Artifacts;

/// <summary>
/// Turns a function's code directory into an immutable, content-addressed artifact under
/// <c>&lt;artifacts&gt;/&lt;hash&gt;/</c>. Unchanged code is found by its hash and never rebuilt.
/// Thread-safe; keep one instance for the process so file hashes are cached between builds.
/// </summary>
public sealed class ArtifactBuilder
{
    private const int MaxAttempts = 3;

    private readonly ArtifactBuilderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SourceScanner _scanner;
    private readonly ArtifactWriter _writer;
    private readonly ConcurrentDictionary<string, Lazy<Task<BuildOutcome>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Creates a builder.</summary>
    public ArtifactBuilder(ArtifactBuilderOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ArtifactBuilderOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _scanner = new SourceScanner(HashCache);
        _writer = new ArtifactWriter(new NpmInstaller(_options), _timeProvider);
    }

    internal FileHashCache HashCache { get; } = new();

    /// <summary>The content hash the request's code has now (what <see cref="BuildAsync"/> would name the artifact).</summary>
    /// <exception cref="PackageException">The code directory does not exist.</exception>
    public string ComputeHash(PackageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureCodeDirectory(request);
        try
        {
            return _scanner.Scan(request.CodeDirectory, request.Runtime, request.ArtifactsDirectory).Hash;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PackageException(request.FunctionName, $"its code could not be read: {ex.Message}", inner: ex);
        }
    }

    /// <summary>Builds the artifact for the request's code, or returns the existing one when the code is unchanged.</summary>
    /// <exception cref="PackageException">The build failed; the message names the function and includes the tool's output.</exception>
    public async Task<PackageResult> BuildAsync(PackageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _timeProvider.GetTimestamp();
        var kind = KindOf(request.Runtime);
        if (kind == RuntimeKind.Unsupported)
        {
            throw new PackageException(request.FunctionName,
                $"runtime '{request.Runtime}' is not supported yet; use a nodejs*.x or provided.* runtime.");
        }

        EnsureCodeDirectory(request);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SourceTree tree;
            try
            {
                tree = _scanner.Scan(request.CodeDirectory, request.Runtime, request.ArtifactsDirectory);
            }
            catch (IOException) when (attempt < MaxAttempts)
            {
                continue; // A file vanished mid-scan (an editor's save-by-rename): look again.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new PackageException(request.FunctionName, $"its code could not be read: {ex.Message}", inner: ex);
            }

            var artifactDirectory = Path.Combine(Path.GetFullPath(request.ArtifactsDirectory), tree.Hash);
            if (ArtifactManifest.TryRead(artifactDirectory) is { } existing && existing.Hash == tree.Hash)
            {
                return Result(request, artifactDirectory, existing, reused: true, "", started);
            }

            // Keyed by the artifact's path: two apps with identical code still have separate artifact folders.
            var lazy = _inFlight.GetOrAdd(artifactDirectory, _ => new Lazy<Task<BuildOutcome>>(
                () => Task.Run(() => _writer.WriteAsync(tree, kind, request, artifactDirectory, _options.ToolTimeout))));
            _ = lazy.Value.ContinueWith(
                _ => _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<BuildOutcome>>>(artifactDirectory, lazy)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                // The shared build is not cancelled by one waiter: another caller may still need it.
                var outcome = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
                return Result(request, artifactDirectory, outcome.Manifest, reused: false, outcome.Output, started);
            }
            catch (SourceChangedException) when (attempt < MaxAttempts)
            {
                continue;
            }
            catch (SourceChangedException ex)
            {
                throw new PackageException(request.FunctionName, $"{ex.Message} Its code kept changing; try again once it is saved.", inner: ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new PackageException(request.FunctionName, $"writing the artifact failed: {ex.Message}", inner: ex);
            }
            catch (BuildFailure ex)
            {
                throw new PackageException(request.FunctionName, ex.Message, ex.ToolOutput, ex);
            }
        }
    }

    internal static RuntimeKind KindOf(string runtime) =>
        runtime.StartsWith("nodejs", StringComparison.Ordinal) ? RuntimeKind.Node
        : runtime.StartsWith("provided", StringComparison.Ordinal) ? RuntimeKind.Custom
        : RuntimeKind.Unsupported;

    private static void EnsureCodeDirectory(PackageRequest request)
    {
        if (!Directory.Exists(request.CodeDirectory))
        {
            throw new PackageException(request.FunctionName, $"its code directory '{request.CodeDirectory}' does not exist.");
        }
    }

    private PackageResult Result(PackageRequest request, string artifactDirectory, ArtifactManifest manifest, bool reused, string output, long started) =>
        new()
        {
            FunctionName = request.FunctionName,
            Runtime = request.Runtime,
            Hash = manifest.Hash,
            ArtifactDirectory = artifactDirectory,
            CodeDirectory = Path.Combine(artifactDirectory, ArtifactWriter.CodeFolder),
            Reused = reused,
            Duration = _timeProvider.GetElapsedTime(started),
            Warnings = manifest.SkippedInstallScripts.Count == 0
                ? manifest.Warnings
                : [.. manifest.Warnings, NpmOutput.DescribeSkipped(request.FunctionName, manifest.SkippedInstallScripts)],
            SkippedInstallScripts = manifest.SkippedInstallScripts,
            BuildOutput = output,
        };
}

namespace Fathom.Server.Up;

/// <summary>Watches an app directory and calls back once per burst of changes (editors write files in several steps),
/// ignoring Fathom's own state, dependencies and VCS folders.</summary>
internal sealed class SourceWatcher : IDisposable
{
    private static readonly string[] IgnoredFolders = [".fathom", ".aws-sam", ".git", "node_modules"];
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _debounce;
    private readonly string _root;

    public SourceWatcher(string root, TimeSpan quietPeriod, TimeProvider timeProvider, Action changed)
    {
        _root = Path.GetFullPath(root);
        _debounce = timeProvider.CreateTimer(_ => changed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        FileSystemEventHandler onChange = (_, e) => OnChange(e.FullPath, quietPeriod);
        _watcher.Changed += onChange;
        _watcher.Created += onChange;
        _watcher.Deleted += onChange;
        _watcher.Renamed += (_, e) => OnChange(e.FullPath, quietPeriod);
        // A lost event buffer means we cannot know what changed: rebuild (cheap when nothing did).
        _watcher.Error += (_, _) => _debounce.Change(quietPeriod, Timeout.InfiniteTimeSpan);
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _debounce.Dispose();
    }

    private void OnChange(string path, TimeSpan quietPeriod)
    {
        var relative = Path.GetRelativePath(_root, path);
        var parts = relative.Split(Path.DirectorySeparatorChar);
        if (parts.Any(p => IgnoredFolders.Contains(p, StringComparer.Ordinal)) || IsEditorNoise(parts[^1]))
        {
            return;
        }

        _debounce.Change(quietPeriod, Timeout.InfiniteTimeSpan);
    }

    private static bool IsEditorNoise(string name) =>
        name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal) || name.EndsWith(".swx", StringComparison.Ordinal)
        || name.StartsWith(".#", StringComparison.Ordinal) || name == "4913";
}

using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Environments;

/// <summary>Maps host paths of a command to where they appear inside the sandbox: the code directory at
/// <c>/var/task</c>, the runtime client at <c>/var/runtime</c>, and node (when it is not under <c>/usr</c>, which
/// the sandbox shares) bound read-only at <c>/opt/fathom-node</c>.</summary>
internal sealed class SandboxPaths
{
    private const string NodeMount = "/opt/fathom-node";

    private readonly string _codeDirectory;
    private readonly string? _runtimeDirectory;
    private readonly string? _hostNodeDirectory;

    public SandboxPaths(string codeDirectory, string? runtimeDirectory, string? nodeDirectory)
    {
        _codeDirectory = Path.GetFullPath(codeDirectory);
        _runtimeDirectory = runtimeDirectory is null ? null : Path.GetFullPath(runtimeDirectory);
        if (nodeDirectory is not null && !IsUnder(Path.GetFullPath(nodeDirectory), "/usr"))
        {
            _hostNodeDirectory = Path.GetFullPath(nodeDirectory);
            ExtraBinds = new Dictionary<string, string> { [_hostNodeDirectory] = NodeMount };
        }

        NodeDirectory = _hostNodeDirectory is null ? nodeDirectory : NodeMount;
    }

    /// <summary>Where node's directory appears inside (for PATH).</summary>
    public string? NodeDirectory { get; }

    /// <summary>Read-only binds beyond code and runtime client.</summary>
    public IReadOnlyDictionary<string, string> ExtraBinds { get; } = new Dictionary<string, string>();

    /// <summary>The path inside the sandbox for a host path (unchanged when it is not under a mapped folder).</summary>
    public string Map(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return path;
        }

        var full = Path.GetFullPath(path);
        return Rebase(full, _codeDirectory, SandboxSpec.TaskRoot)
            ?? (_runtimeDirectory is null ? null : Rebase(full, _runtimeDirectory, SandboxSpec.RuntimeRoot))
            ?? (_hostNodeDirectory is null ? null : Rebase(full, _hostNodeDirectory, NodeMount))
            ?? path;
    }

    private static string? Rebase(string path, string hostRoot, string inside) =>
        IsUnder(path, hostRoot) ? inside + path[hostRoot.TrimEnd('/').Length..] : null;

    private static bool IsUnder(string path, string root)
    {
        root = root.TrimEnd('/');
        return path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
    }
}

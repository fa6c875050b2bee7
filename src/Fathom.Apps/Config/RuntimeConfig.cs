namespace Fathom.Apps.Config;

/// <summary>The <c>runtime:</c> section of <c>fathom.yaml</c>: how functions' runtimes are started.</summary>
public sealed record RuntimeConfig
{
    /// <summary>The <c>node</c> executable to run Node.js functions with (absolute, or relative to the app); null means <c>node</c> on PATH.</summary>
    public string? Node { get; init; }
}

namespace Fathom.Apps.Config;

/// <summary>One entry of <c>fathom.yaml</c>'s <c>environments:</c> section: what differs in one environment of the app
/// under <c>fathom server</c>. Command-line flags of <c>fathom deploy</c> override it.</summary>
public sealed record EnvironmentConfig
{
    /// <summary><c>parameters</c>: template parameter values for this environment (under the deploy's own overrides).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>port</c>: the app-traffic port this environment takes when its first deploy creates it.</summary>
    public int? Port { get; init; }
}

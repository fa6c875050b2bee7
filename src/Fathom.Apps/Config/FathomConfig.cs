namespace Fathom.Apps.Config;

/// <summary>
/// Settings from the optional <c>fathom.yaml</c> beside the template. Each feature owns one section; a section
/// left out gets its defaults.
/// </summary>
public sealed record FathomConfig
{
    /// <summary>The settings of an app without <c>fathom.yaml</c>.</summary>
    public static FathomConfig Empty { get; } = new();

    /// <summary>Absolute path of the file read, or null when there is none.</summary>
    public string? Path { get; init; }

    /// <summary>The <c>runtime:</c> section.</summary>
    public RuntimeConfig Runtime { get; init; } = new();

    /// <summary>The <c>logs:</c> section (log forwarding).</summary>
    public LogsConfig Logs { get; init; } = new();

    /// <summary>The <c>alarms:</c> section: overrides of the default alarms (docs/alarms.md).</summary>
    public AlarmsConfig Alarms { get; init; } = new();

    /// <summary>The <c>notifications:</c> section: channels alarms, issues and rollbacks are sent to.</summary>
    public NotificationsConfig Notifications { get; init; } = new();

    /// <summary>The <c>api:</c> section: JWKS overrides for JWT authorizers and API keys.</summary>
    public ApiConfig Api { get; init; } = new();

    /// <summary>The <c>environments:</c> section: per-environment parameters and port under <c>fathom server</c>.</summary>
    public IReadOnlyDictionary<string, EnvironmentConfig> Environments { get; init; } = new Dictionary<string, EnvironmentConfig>(StringComparer.Ordinal);
}

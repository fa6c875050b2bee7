namespace Fathom.Apps.Config;

/// <summary>The <c>notifications:</c> section of <c>fathom.yaml</c>: where alarm transitions, new issues, regressions,
/// rollbacks and (opted in) releases are sent. Secrets never live here: a channel names the environment variables of the
/// server that hold them.</summary>
public sealed record NotificationsConfig
{
    /// <summary><c>channels</c>: by name, in file order.</summary>
    public IReadOnlyList<NotificationChannelConfig> Channels { get; init; } = [];
}

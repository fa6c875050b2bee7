namespace Fathom.Apps.Config;

/// <summary>One entry of <c>notifications.channels</c>. Flat on purpose: it travels in an environment's record as JSON,
/// and the reader has already checked that each type has the settings it needs.</summary>
public sealed record NotificationChannelConfig
{
    /// <summary>The event groups a channel gets when it names none: alarms, new issues, regressions, rollbacks.</summary>
    public static readonly IReadOnlyList<string> DefaultEvents = [NotificationEventGroups.Alarm, NotificationEventGroups.IssueNew, NotificationEventGroups.IssueRegression, NotificationEventGroups.Rollback];

    /// <summary>The key under <c>channels</c>; what <c>fathom notifications test</c> names.</summary>
    public required string Name { get; init; }

    public required NotificationChannelType Type { get; init; }

    /// <summary><c>url</c>: where webhook, slack and alertmanager channels post (alertmanager: its base URL).</summary>
    public Uri? Url { get; init; }

    /// <summary><c>secretEnv</c>: the server environment variable whose value signs webhook bodies (HMAC-SHA256).</summary>
    public string? SecretEnv { get; init; }

    /// <summary><c>events</c>: which groups of <see cref="NotificationEventGroups"/> this channel gets.</summary>
    public IReadOnlyList<string> Events { get; init; } = DefaultEvents;

    /// <summary>Email: <c>host</c> of the SMTP server.</summary>
    public string? SmtpHost { get; init; }

    /// <summary>Email: <c>port</c> (default 587 with <c>starttls</c>, else 25).</summary>
    public int SmtpPort { get; init; }

    /// <summary>Email: <c>starttls</c> (default true): refuse to send unless the server upgrades to TLS.</summary>
    public bool StartTls { get; init; } = true;

    /// <summary>Email: <c>from</c>.</summary>
    public string? From { get; init; }

    /// <summary>Email: <c>to</c>, one address or a list.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>Email: <c>usernameEnv</c> / <c>passwordEnv</c>, server environment variables with the SMTP login.</summary>
    public string? UsernameEnv { get; init; }

    public string? PasswordEnv { get; init; }

    /// <summary>Where it was read (<c>fathom.yaml:12:5</c>), for messages.</summary>
    public string? Source { get; init; }
}

namespace Fathom.Platform.Events;

/// <summary>The closed list of platform event kinds, grown on purpose.</summary>
public static class PlatformEventKinds
{
    public const string IssueNew = "issue.new";
    public const string IssueRegression = "issue.regression";
    public const string IssueState = "issue.state";
    public const string AlarmState = "alarm.state";
    public const string Release = "release";
    public const string AliasMoved = "alias.moved";
    public const string RolloutStep = "rollout.step";
    public const string RolloutCompleted = "rollout.completed";
    public const string RolloutRolledBack = "rollout.rolledback";
    public const string UptimeIncident = "uptime.incident";
    public const string NotificationFailed = "notification.failed";

    public static IReadOnlyList<string> All { get; } =
    [
        IssueNew, IssueRegression, IssueState, AlarmState, Release, AliasMoved, RolloutStep, RolloutCompleted,
        RolloutRolledBack, UptimeIncident, NotificationFailed,
    ];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}

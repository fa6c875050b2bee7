namespace Fathom.Apps.Config;

/// <summary>The words <c>notifications.channels.*.events</c> accepts, each naming platform events a person cares about.</summary>
public static class NotificationEventGroups
{
    /// <summary><c>alarm.state</c>: every alarm transition.</summary>
    public const string Alarm = "alarm";

    /// <summary><c>issue.new</c>: an error never seen before.</summary>
    public const string IssueNew = "issue.new";

    /// <summary><c>issue.regression</c>: a resolved issue seen again.</summary>
    public const string IssueRegression = "issue.regression";

    /// <summary>A <c>release</c> that rolls back to an earlier one, and <c>rollout.rolledback</c>.</summary>
    public const string Rollback = "rollback";

    /// <summary>Every other <c>release</c> (opt-in: they are frequent).</summary>
    public const string Release = "release";

    /// <summary><c>rollout.step</c> and <c>rollout.completed</c>.</summary>
    public const string Rollout = "rollout";

    /// <summary><c>uptime.incident</c>.</summary>
    public const string Uptime = "uptime";

    public static IReadOnlyList<string> All { get; } = [Alarm, IssueNew, IssueRegression, Rollback, Release, Rollout, Uptime];
}

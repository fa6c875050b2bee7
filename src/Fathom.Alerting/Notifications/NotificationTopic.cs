using Fathom.Apps.Resources;

namespace Fathom.Alerting.Notifications;

/// <summary>An SNS topic of the environment's template that alarm actions may name (by ARN or logical id).</summary>
public sealed record NotificationTopic(string LogicalId, string Arn, IReadOnlyList<TopicSubscriptionModel> Subscriptions)
{
    /// <summary>Whether an alarm action names this topic.</summary>
    public bool IsNamedBy(string action) =>
        string.Equals(action, Arn, StringComparison.Ordinal) || string.Equals(action, LogicalId, StringComparison.Ordinal);
}

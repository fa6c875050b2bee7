namespace Fathom.Apps.Resources;

/// <summary>An <c>AWS::SNS::Topic</c> and the functions subscribed to it.</summary>
public sealed record TopicModel
{
    public required string LogicalId { get; init; }

    public required string Name { get; init; }

    /// <summary>What <c>!Ref</c> returns.</summary>
    public required string Arn { get; init; }

    /// <summary>Names of subscribed functions (from <c>SNS</c> events).</summary>
    public IReadOnlyList<string> Subscribers { get; init; } = [];

    /// <summary>The topic's own <c>Subscription</c> entries (protocol and endpoint).</summary>
    public IReadOnlyList<TopicSubscriptionModel> Subscriptions { get; init; } = [];
}

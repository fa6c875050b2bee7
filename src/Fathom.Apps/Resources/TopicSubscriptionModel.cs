namespace Fathom.Apps.Resources;

/// <summary>One entry of an <c>AWS::SNS::Topic</c>'s <c>Subscription</c> list that Fathom delivers itself (alarm actions
/// that name the topic): <c>https</c>/<c>http</c> endpoints get SNS's Notification envelope, <c>email</c> a mail.</summary>
/// <param name="Protocol">As written: <c>https</c>, <c>http</c>, <c>email</c>, <c>email-json</c> (others are not delivered).</param>
/// <param name="Endpoint">The URL or the address.</param>
public sealed record TopicSubscriptionModel(string Protocol, string Endpoint);

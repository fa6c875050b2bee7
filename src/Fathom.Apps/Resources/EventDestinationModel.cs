namespace Fathom.Apps.Resources;

/// <summary>An asynchronous invocation destination.</summary>
/// <param name="Type"><c>SQS</c>, <c>SNS</c>, <c>Lambda</c>, <c>EventBridge</c> or <c>S3Bucket</c>.</param>
/// <param name="Destination">The resolved ARN, when given.</param>
public sealed record EventDestinationModel(string? Type, string? Destination);

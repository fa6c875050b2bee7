namespace Fathom.Apps.Resources;

/// <summary>Where failed asynchronous invocations go (<c>DeadLetterQueue</c>).</summary>
/// <param name="Type"><c>SQS</c> or <c>SNS</c>.</param>
/// <param name="TargetArn">The queue or topic ARN.</param>
public sealed record DeadLetterQueueModel(string Type, string TargetArn);

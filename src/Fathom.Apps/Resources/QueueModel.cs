namespace Fathom.Apps.Resources;

/// <summary>An <c>AWS::SQS::Queue</c> and the functions consuming it.</summary>
public sealed record QueueModel
{
    public required string LogicalId { get; init; }

    /// <summary><c>QueueName</c> when set, else the logical id.</summary>
    public required string Name { get; init; }

    public required string Arn { get; init; }

    /// <summary>What <c>!Ref</c> returns: <c>https://sqs.REGION.amazonaws.com/ACCOUNT/NAME</c>.</summary>
    public required string Url { get; init; }

    public bool Fifo { get; init; }

    /// <summary>Default 30 seconds.</summary>
    public int VisibilityTimeoutSeconds { get; init; } = 30;

    /// <summary>Default 4 days.</summary>
    public int MessageRetentionSeconds { get; init; } = 345_600;

    public int DelaySeconds { get; init; }

    /// <summary>Dead-letter queue ARN from <c>RedrivePolicy</c>.</summary>
    public string? DeadLetterTargetArn { get; init; }

    public int? MaxReceiveCount { get; init; }

    public IReadOnlyList<QueueConsumerModel> Consumers { get; init; } = [];
}

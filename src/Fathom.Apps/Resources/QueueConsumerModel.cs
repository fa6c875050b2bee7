namespace Fathom.Apps.Resources;

/// <summary>A function that consumes a queue through an <c>SQS</c> event.</summary>
public sealed record QueueConsumerModel
{
    public required string FunctionName { get; init; }

    public required string EventName { get; init; }

    public int BatchSize { get; init; } = 10;

    public int? MaximumBatchingWindowInSeconds { get; init; }

    public bool Enabled { get; init; } = true;

    public bool ReportBatchItemFailures { get; init; }
}

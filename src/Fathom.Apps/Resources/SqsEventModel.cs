namespace Fathom.Apps.Resources;

/// <summary>An <c>SQS</c> event: the function consumes a queue.</summary>
public sealed record SqsEventModel : FunctionEventModel
{
    public required string QueueArn { get; init; }

    /// <summary>The queue's logical id when it is declared in this template.</summary>
    public string? QueueLogicalId { get; init; }

    /// <summary>Default 10.</summary>
    public int BatchSize { get; init; } = 10;

    public int? MaximumBatchingWindowInSeconds { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>True when <c>FunctionResponseTypes</c> includes <c>ReportBatchItemFailures</c>.</summary>
    public bool ReportBatchItemFailures { get; init; }
}

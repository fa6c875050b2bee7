namespace Fathom.Runtime.Invocations;

/// <summary>What a caller gets back from one invocation.</summary>
public sealed record InvocationResult
{
    public required string RequestId { get; init; }

    public required InvocationOutcome Outcome { get; init; }

    /// <summary>The version that ran.</summary>
    public required string ExecutedVersion { get; init; }

    /// <summary>On success the function's response bytes; on any error the Lambda-shaped error JSON
    /// (<c>{"errorType","errorMessage","trace"|"stackTrace"}</c>) the invoker sees.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The content type the runtime gave its response, if any.</summary>
    public string? ContentType { get; init; }

    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>For <see cref="InvocationOutcome.Throttled"/>: Lambda's reason, e.g. <c>ReservedFunctionConcurrentInvocationLimitExceeded</c>.</summary>
    public string? ThrottleReason { get; init; }

    public TimeSpan Duration { get; init; }

    public TimeSpan BilledDuration { get; init; }

    /// <summary>Set when this invocation started a new environment.</summary>
    public TimeSpan? InitDuration { get; init; }

    public int MaxMemoryUsedMb { get; init; }

    /// <summary>The last 4 KB of this invocation's log, START through REPORT, as <c>X-Amz-Log-Result</c> carries it.</summary>
    public string LogTail { get; init; } = "";

    public bool IsError => Outcome != InvocationOutcome.Success;
}

namespace Fathom.Runtime.Environments;

/// <summary>An invocation handed to an environment, waiting for the runtime's answer.</summary>
internal sealed class PendingInvocation
{
    public required string RequestId { get; init; }

    public required ReadOnlyMemory<byte> Payload { get; init; }

    public required long DeadlineMs { get; init; }

    public required string InvokedFunctionArn { get; init; }

    public required string TraceId { get; init; }

    public string? ClientContext { get; init; }

    /// <summary>Completed once; its continuation (the end of the invocation) runs on the completing thread, after the
    /// runtime already has its 202, which saves a thread hop per invocation.</summary>
    public TaskCompletionSource<RuntimeReply> Reply { get; } = new();

    /// <summary>Set once <c>/next</c> returned it to the runtime.</summary>
    public bool Delivered { get; set; }
}

namespace Fathom.Runtime.Environments;

/// <summary>What a runtime posted for an invocation or for its init.</summary>
internal sealed record RuntimeReply(RuntimeReplyKind Kind, ReadOnlyMemory<byte> Body, string? ContentType, string? ErrorTypeHeader)
{
    /// <summary>The process ended before it answered.</summary>
    public static readonly RuntimeReply Exited = new(RuntimeReplyKind.Exited, default, null, null);

    /// <summary>The function's timeout passed first.</summary>
    public static readonly RuntimeReply TimedOut = new(RuntimeReplyKind.TimedOut, default, null, null);
}

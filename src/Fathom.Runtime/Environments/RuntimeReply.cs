namespace Fathom.Runtime.Environments;

/// <summary>What a runtime posted for an invocation or for its init.</summary>
internal sealed record RuntimeReply(RuntimeReplyKind Kind, ReadOnlyMemory<byte> Body, string? ContentType, string? ErrorTypeHeader);

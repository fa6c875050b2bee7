namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>What one request may carry. Tighter than Relay's (20 MB compressed, 100 MB envelope): an error event is
/// capped at 1 MB by Sentry too, and this server is one process shared with the functions it watches.</summary>
internal static class SentryLimits
{
    /// <summary>A request body as sent (compressed or not).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>A body once decompressed: an envelope may carry attachments and sessions we skip.</summary>
    public const int MaxDecompressedBytes = 20 * 1024 * 1024;

    /// <summary>One event item, or a <c>/store/</c> body (Sentry's limit for an error event).</summary>
    public const int MaxEventBytes = 1024 * 1024;

    /// <summary>Frames kept per event (the newest: the frame that threw is last).</summary>
    public const int MaxFrames = 250;

    /// <summary>Characters kept of a message, and of a request payload.</summary>
    public const int MaxMessageChars = 8 * 1024;

    public const int MaxPayloadChars = 64 * 1024;
}

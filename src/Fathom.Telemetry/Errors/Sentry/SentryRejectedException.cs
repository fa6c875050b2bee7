namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>Input Sentry would refuse: thrown by the parsers and turned into one reply (400, 401, 403, 413) at the
/// ingest boundary, so nothing a client sends can escape as a 500.</summary>
internal sealed class SentryRejectedException(int status, string reason) : Exception(reason)
{
    /// <summary>The HTTP status of the reply.</summary>
    public int Status { get; } = status;

    public static SentryRejectedException BadRequest(string reason) => new(400, reason);

    public static SentryRejectedException TooLarge(string reason) => new(413, reason);
}

using System.Text.Json;

namespace Fathom.Telemetry.Errors.Sentry;

/// <summary>What Sentry answers: <c>{"id":...}</c> on success, <c>{"detail":...}</c> with <c>X-Sentry-Error</c> on
/// refusal, and <c>Retry-After</c> with <c>X-Sentry-Rate-Limits</c> when it cannot take more, which SDKs obey.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Json">The body.</param>
/// <param name="Headers">Headers beyond the content type.</param>
internal sealed record SentryReply(int Status, string Json, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>How long SDKs are asked to hold back errors when the tracker's queue is full.</summary>
    public const int RetryAfterSeconds = 60;

    public static SentryReply Accepted(string? eventId) =>
        new(200, eventId is null ? "{}" : JsonSerializer.Serialize(new { id = eventId }), []);

    public static SentryReply Rejected(int status, string reason) =>
        new(status, JsonSerializer.Serialize(new { detail = reason, causes = Array.Empty<string>() }), [new("X-Sentry-Error", reason)]);

    public static SentryReply RateLimited() =>
        new(429, JsonSerializer.Serialize(new { detail = "the error tracker's queue is full; event dropped", causes = Array.Empty<string>() }),
        [
            new("Retry-After", RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("X-Sentry-Rate-Limits", $"{RetryAfterSeconds}:default;error:organization"),
        ]);
}

namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>What became of one attempt to send a batch.</summary>
internal readonly record struct DeliveryResult(DeliveryOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered);

    public static DeliveryResult Retry(string error, TimeSpan? retryAfter = null) => new(DeliveryOutcome.Retry, error, retryAfter);

    public static DeliveryResult Rejected(string error) => new(DeliveryOutcome.Rejected, error);
}

namespace Fathom.Telemetry.Logs.Forwarding;

internal enum DeliveryOutcome
{
    Delivered,

    /// <summary>A failure that may pass (network, 5xx, 429): the same batch is sent again after a back-off.</summary>
    Retry,

    /// <summary>The destination refused the batch for good; sending it again would fail the same way.</summary>
    Rejected,
}

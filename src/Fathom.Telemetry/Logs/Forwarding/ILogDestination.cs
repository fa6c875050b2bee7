namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>One kind of destination: sends a batch and says whether it arrived. The <see cref="LogForwarder"/> around
/// it owns queueing, batching, retries and counting, so a destination is only the wire format and transport.</summary>
internal interface ILogDestination : IAsyncDisposable
{
    string Description { get; }

    /// <summary>Sends <paramref name="batch"/> once. Throws only <see cref="OperationCanceledException"/> for
    /// <paramref name="cancellationToken"/>; every other failure is a <see cref="DeliveryResult"/>.</summary>
    Task<DeliveryResult> SendAsync(IReadOnlyList<LogRecord> batch, CancellationToken cancellationToken);
}

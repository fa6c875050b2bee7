namespace Fathom.Apps.Resources;

/// <summary>Asynchronous invocation settings (<c>EventInvokeConfig</c>).</summary>
public sealed record EventInvokeConfigModel
{
    public int? MaximumRetryAttempts { get; init; }

    public int? MaximumEventAgeInSeconds { get; init; }

    public EventDestinationModel? OnSuccess { get; init; }

    public EventDestinationModel? OnFailure { get; init; }
}

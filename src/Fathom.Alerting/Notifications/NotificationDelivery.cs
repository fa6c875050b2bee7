namespace Fathom.Alerting.Notifications;

/// <summary>One row of the outbox: an event for a target, and how sending it went.</summary>
public sealed record NotificationDelivery
{
    public long Id { get; init; }

    public required string App { get; init; }

    public required string Environment { get; init; }

    public required DeliveryTarget Target { get; init; }

    /// <summary>The platform event's id (negative for a <c>fathom notifications test</c> message).</summary>
    public required long EventId { get; init; }

    public required string EventKind { get; init; }

    /// <summary>The platform event as JSON, kept so sending needs nothing else.</summary>
    public required string EventJson { get; init; }

    public string Status { get; init; } = NotificationStatus.Pending;

    public int Attempts { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset NextAttempt { get; init; }

    public DateTimeOffset? LastAttempt { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? Sent { get; init; }
}

namespace Fathom.Apps.Resources;

/// <summary>A <c>Schedule</c> (EventBridge rule) or <c>ScheduleV2</c> (EventBridge Scheduler) event.</summary>
public sealed record ScheduleEventModel : FunctionEventModel
{
    /// <summary><c>rate(5 minutes)</c>, <c>cron(0 12 * * ? *)</c> or <c>at(...)</c>.</summary>
    public required string Expression { get; init; }

    /// <summary>IANA time zone (ScheduleV2 only); null means UTC.</summary>
    public string? Timezone { get; init; }

    /// <summary>The event payload as JSON text; null means the scheduled-event envelope.</summary>
    public string? Input { get; init; }

    public bool Enabled { get; init; } = true;

    public string? Description { get; init; }
}

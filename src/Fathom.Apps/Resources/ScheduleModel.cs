namespace Fathom.Apps.Resources;

/// <summary>A schedule that invokes a function, from a <c>Schedule</c> or <c>ScheduleV2</c> event.</summary>
public sealed record ScheduleModel
{
    /// <summary>The target function's name.</summary>
    public required string FunctionName { get; init; }

    public required string EventName { get; init; }

    /// <summary><c>Schedule</c> or <c>ScheduleV2</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>rate(...)</c>, <c>cron(...)</c> or <c>at(...)</c>.</summary>
    public required string Expression { get; init; }

    public string? Timezone { get; init; }

    /// <summary>The payload as JSON text; null means the scheduled-event envelope.</summary>
    public string? Input { get; init; }

    public bool Enabled { get; init; } = true;
}

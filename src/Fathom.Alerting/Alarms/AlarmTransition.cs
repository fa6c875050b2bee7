namespace Fathom.Alerting.Alarms;

/// <summary>One state change of an alarm, as kept in its history.</summary>
/// <param name="Payload">The <c>alarm.state</c> event's payload.</param>
public sealed record AlarmTransition(
    string App, string Environment, string Name, long Seq, DateTimeOffset Time, string OldState, string NewState, string Reason,
    IReadOnlyList<AlarmDatapoint> Datapoints, string? Function, string? Version, string Payload);

namespace Fathom.Alerting.Alarms;

/// <summary>An alarm's current state as stored.</summary>
/// <param name="Seq">Transitions so far (0: the initial INSUFFICIENT_DATA).</param>
public sealed record AlarmStatus(string App, string Environment, string Name, string State, DateTimeOffset Since, string Reason, long Seq);

namespace Fathom.Alerting.Alarms;

/// <summary>One evaluation of a rule: the state it leads to, CloudWatch's reason text and the datapoints behind it.</summary>
/// <param name="Keep">True when <c>ignore</c> keeps the current state (every period was empty).</param>
public sealed record AlarmOutcome(string State, string Reason, IReadOnlyList<AlarmDatapoint> Datapoints, bool Keep = false);

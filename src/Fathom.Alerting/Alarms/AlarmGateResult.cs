namespace Fathom.Alerting.Alarms;

/// <summary>One rule's answer to a gate check.</summary>
/// <param name="State">OK, ALARM, INSUFFICIENT_DATA or NOT_EVALUATED (<see cref="AlarmStates"/>).</param>
/// <param name="Reason">CloudWatch's reason text, or why the rule is not evaluated.</param>
/// <param name="Datapoints">The datapoints behind an ALARM (else the last evaluation's).</param>
public sealed record AlarmGateResult(string Name, string Kind, string State, string Reason, IReadOnlyList<AlarmDatapoint> Datapoints)
{
    public bool Evaluated => State != AlarmStates.NotEvaluated;
}

namespace Fathom.Alerting.Alarms;

/// <summary>The three states of an alarm, spelled as CloudWatch spells them.</summary>
public static class AlarmStates
{
    public const string Ok = "OK";
    public const string Alarm = "ALARM";
    public const string InsufficientData = "INSUFFICIENT_DATA";

    /// <summary>What the gate check answers for a rule Fathom cannot evaluate (metric math, anomaly detection).</summary>
    public const string NotEvaluated = "NOT_EVALUATED";
}

namespace Fathom.Alerting.Alarms;

/// <summary>An alarm of an app environment: a rule Fathom evaluates, or one it cannot (with why), so nothing is silently
/// ignored.</summary>
/// <param name="Rule">Null when not evaluated.</param>
/// <param name="NotEvaluated">Why Fathom does not evaluate it (metric math, anomaly detection, another AWS namespace).</param>
public sealed record AlarmDefinition(string Name, string Kind, string? Function, string? Description, AlarmRule? Rule, string? NotEvaluated)
{
    public bool Evaluated => Rule is not null;
}

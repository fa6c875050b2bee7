namespace Fathom.Alerting.Alarms;

/// <summary>Where an alarm comes from: the platform's defaults, the template's <c>AWS::CloudWatch::Alarm</c>, an uptime check.</summary>
public static class AlarmKinds
{
    public const string Default = "default";
    public const string Template = "template";
    public const string Uptime = "uptime";
}

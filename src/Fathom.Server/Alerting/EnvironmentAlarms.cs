using Fathom.Apps.Config;
using Fathom.Apps.Resources;

namespace Fathom.Server.Alerting;

/// <summary>What an environment's last release said about alarms: the template's <c>AWS::CloudWatch::Alarm</c> resources
/// and <c>fathom.yaml</c>'s <c>alarms:</c> section.</summary>
internal sealed record EnvironmentAlarms(IReadOnlyList<AlarmModel> Template, AlarmsConfig Config)
{
    public static EnvironmentAlarms None { get; } = new([], new AlarmsConfig());
}

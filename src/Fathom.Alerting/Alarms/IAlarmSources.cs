using Fathom.Apps.Config;
using Fathom.Apps.Resources;

namespace Fathom.Alerting.Alarms;

/// <summary>What alarms are evaluated for: the live app environments. The host implements it (Alerting knows nothing of
/// how environments are served), so <c>fathom up</c> and <c>fathom server</c> are the same to it.</summary>
public interface IAlarmSources
{
    IReadOnlyList<AlarmEnvironment> Environments { get; }
}

/// <summary>One live app environment as alarms see it.</summary>
/// <param name="TemplateAlarms">The template's <c>AWS::CloudWatch::Alarm</c> resources.</param>
/// <param name="Config">The <c>alarms:</c> section of its <c>fathom.yaml</c>.</param>
public sealed record AlarmEnvironment(
    string App, string Environment, IReadOnlyList<AlarmFunction> Functions, IReadOnlyList<AlarmModel> TemplateAlarms, AlarmsConfig Config);

/// <param name="Timeout">The live version's timeout (the duration alarm's threshold is a share of it).</param>
/// <param name="LiveVersion">The version its alias serves now, when known.</param>
public sealed record AlarmFunction(string Name, TimeSpan Timeout, string? LiveVersion);

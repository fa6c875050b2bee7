using Fathom.Gateway.Routing;
using Fathom.Server.Environments;

namespace Fathom.Server.Deploy;

/// <summary>A validated deploy, ready to apply: the functions with their computed configurations, the routes, the port
/// an environment created by it asks for, its runtime settings, the effective parameters and the warnings to show.</summary>
internal sealed record DeployPlan(
    IReadOnlyList<PlannedFunction> Functions,
    IReadOnlyList<GatewayRoute> Routes,
    int? Port,
    EnvironmentRuntime Runtime,
    IReadOnlyDictionary<string, string> ParameterOverrides,
    IReadOnlyDictionary<string, string> EffectiveParameters,
    IReadOnlyList<string> Warnings,
    Fathom.Alerting.Notifications.NotificationTargets? Notifications = null)
{
    /// <summary>The template's alarms and <c>fathom.yaml</c>'s alarm overrides, which the environment evaluates once released.</summary>
    public Alerting.EnvironmentAlarms Alarms { get; init; } = Alerting.EnvironmentAlarms.None;
}

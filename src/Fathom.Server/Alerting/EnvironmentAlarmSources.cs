using System.Globalization;
using Fathom.Alerting.Alarms;
using Fathom.Server.Environments;

namespace Fathom.Server.Alerting;

/// <summary>The alarm sources of this host: every environment the registry serves, each function with the timeout and
/// version its default alias serves now, and the alarms of the environment's last release.</summary>
internal sealed class EnvironmentAlarmSources(EnvironmentRegistry? registry) : IAlarmSources
{
    public IReadOnlyList<AlarmEnvironment> Environments => registry is null ? [] : [.. registry.All.Select(Describe)];

    private static AlarmEnvironment Describe(AppEnvironment environment)
    {
        var state = environment.Store.State;
        var functions = new List<AlarmFunction>();
        foreach (var name in environment.FunctionNames)
        {
            var deployment = state.Functions.GetValueOrDefault(name);
            var version = deployment?.Aliases.GetValueOrDefault(deployment.DefaultAlias)?.Version;
            var config = version is { } v ? PublishedConfig.FromJson(deployment!.Version(v)?.ConfigJson ?? "") : null;
            functions.Add(new AlarmFunction(
                name, TimeSpan.FromSeconds(config?.TimeoutSeconds is > 0 ? config.TimeoutSeconds : 3), version?.ToString(CultureInfo.InvariantCulture)));
        }

        var alarms = environment.Alarms;
        return new AlarmEnvironment(environment.App, environment.Name, functions, alarms.Template, alarms.Config);
    }
}

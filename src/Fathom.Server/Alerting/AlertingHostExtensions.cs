using Fathom.Alerting;
using Fathom.Alerting.Alarms;
using Fathom.Alerting.Notifications;
using Fathom.Server.Environments;
using Fathom.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Alerting;

/// <summary>Alerting as the host composes it: the alarms and notifications features, fed by what only the host knows
/// (its environments, their alarms and channels, its own ports).</summary>
internal static class AlertingHostExtensions
{
    public static IServiceCollection AddFathomAlerting(this IServiceCollection services, FathomServer server, ServerOptions options)
    {
        var data = options.DataDirectory ?? throw new ArgumentException("alerting needs a data directory", nameof(options));
        services.AddFathomAlarms(data);
        services.AddSingleton<IAlarmSources>(sp => new EnvironmentAlarmSources(sp.GetService<EnvironmentRegistry>()));
        services.AddFathomNotifications(o => (o.DataDirectory, o.Allow) = (data, options.NotifyAllow));
        services.AddSingleton<IPlatformPorts>(sp => new HostPorts(server, sp.GetService<EnvironmentRegistry>()));
        services.AddSingleton(sp => new EnvironmentNotificationChannels(sp.GetService<EnvironmentRegistry>()));
        services.AddSingleton<INotificationChannels>(sp => sp.GetRequiredService<EnvironmentNotificationChannels>());
        return services;
    }
}

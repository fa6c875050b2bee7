using Fathom.Platform.Events;
using Fathom.Platform.Time;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fathom.Alerting.Notifications;

/// <summary><c>AddFathomNotifications()</c> / <c>MapFathomNotifications()</c>. The host supplies
/// <see cref="INotificationChannels"/>, <see cref="IPlatformPorts"/> and the <see cref="PlatformEventStore"/>.</summary>
public static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddFathomNotifications(this IServiceCollection services, Action<NotificationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new NotificationOptions { DataDirectory = "" };
        configure(options);
        if (options.DataDirectory.Length == 0)
        {
            throw new ArgumentException("Notifications need a data directory.", nameof(configure));
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(TimeScale.None);
        services.TryAddSingleton(_ => PlatformEventStore.Open(options.DataDirectory));
        services.AddSingleton(_ => NotificationOutbox.Open(options.DataDirectory));
        services.AddSingleton(sp => new OutboundAllowlist(options.Allow, sp.GetService<IPlatformPorts>()));
        services.AddSingleton(sp => new NotificationSender(sp.GetRequiredService<OutboundAllowlist>(), sp.GetRequiredService<TimeProvider>(), options.AttemptTimeout));
        services.AddSingleton<NotificationWorker>();
        services.AddSingleton<NotificationFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<NotificationFeed>());
        return services;
    }

    public static IEndpointRouteBuilder MapFathomNotifications(this IEndpointRouteBuilder endpoints) => NotificationEndpoints.Map(endpoints);
}

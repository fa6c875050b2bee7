using Fathom.Alerting.Alarms;
using Fathom.Platform.Events;
using Fathom.Platform.Time;
using Fathom.Telemetry.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Fathom.Alerting;

/// <summary>Registers alarms: states in <c>alerting.db</c>, the evaluator and the rollout gate. The host registers an
/// <see cref="IAlarmSources"/>; metrics (<see cref="MetricStore"/>) and <see cref="PlatformEventStore"/> must be registered.</summary>
public static class AlarmsServiceCollectionExtensions
{
    public static IServiceCollection AddFathomAlarms(this IServiceCollection services, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        services.TryAddSingleton(TimeScale.None);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => AlarmStore.Open(dataDirectory));
        services.AddSingleton(sp => new AlarmEvaluator(
            sp.GetRequiredService<IAlarmSources>(), sp.GetRequiredService<MetricStore>(), sp.GetRequiredService<AlarmStore>(),
            sp.GetRequiredService<PlatformEventStore>(), sp.GetRequiredService<TimeScale>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AlarmEvaluator>>(), Settle(sp)));
        services.AddHostedService(sp => sp.GetRequiredService<AlarmEvaluator>());
        services.AddSingleton(sp => new AlarmGate(
            sp.GetRequiredService<MetricStore>(), sp.GetRequiredService<TimeScale>(), sp.GetRequiredService<TimeProvider>(), Settle(sp)));
        return services;
    }

    // A second's points are written once the recorder's lag has passed, at its next flush; half a second more for the write.
    private static TimeSpan Settle(IServiceProvider services) =>
        services.GetService<MetricsOptions>() is { } metrics ? metrics.Lag + metrics.FlushInterval + TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(2.5);
}

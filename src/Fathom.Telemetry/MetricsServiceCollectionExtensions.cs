using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fathom.Telemetry;

/// <summary>Registers metrics: the recorder fed by the telemetry ingest, <c>metrics.db</c>, retention.</summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>Adds the metric store (<c>metrics.db</c> in <see cref="MetricsOptions.DataDirectory"/>), the recorder as an
    /// <see cref="IMetricSink"/> of the ingest (<see cref="TelemetryServiceCollectionExtensions.AddFathomTelemetry"/>
    /// must be added too) and retention.</summary>
    public static IServiceCollection AddFathomMetrics(this IServiceCollection services, Action<MetricsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new MetricsOptions();
        configure(options);
        if (string.IsNullOrEmpty(options.DataDirectory))
        {
            throw new ArgumentException("Metrics need a data directory.", nameof(configure));
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TelemetryDrops>();
        services.AddSingleton(_ => MetricStore.Open(options.DataDirectory));
        services.AddSingleton<MetricRecorder>();
        if (options.Record)
        {
            services.AddSingleton<IMetricSink>(sp => sp.GetRequiredService<MetricRecorder>());
        }

        services.AddHostedService(sp => sp.GetRequiredService<MetricRecorder>());
        services.AddHostedService<MetricRetentionService>();
        return services;
    }
}

using Fathom.Telemetry.Errors;
using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Logs.Forwarding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>Registers the Prometheus exposition (docs/metrics.md "Prometheus").</summary>
public static class PrometheusServiceCollectionExtensions
{
    /// <summary>Adds the cumulative registry as an <see cref="IMetricSink"/> of the telemetry ingest, and what a scrape
    /// reports: invocations, gateway requests, telemetry drops and queues, log forwarding, environments (when the host registers
    /// <see cref="IEnvironmentCounts"/>), store sizes, process start and build. Call after
    /// <see cref="TelemetryServiceCollectionExtensions.AddFathomTelemetry"/>: the exposition reports on its pipeline.
    /// The host may register <see cref="ILiveVersions"/> so that live versions keep their series while idle.</summary>
    public static IServiceCollection AddFathomPrometheus(this IServiceCollection services, Action<PrometheusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new PrometheusOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PrometheusRegistry(options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILiveVersions>()));
        services.AddSingleton<IMetricSink>(sp => sp.GetRequiredService<PrometheusRegistry>());
        services.AddSingleton(sp =>
        {
            var telemetry = sp.GetRequiredService<TelemetryOptions>();
            List<IPrometheusCollector> collectors =
            [
                new RegistryCollector(sp.GetRequiredService<PrometheusRegistry>()),
                new TelemetryHealthCollector(
                    sp.GetRequiredService<TelemetryDrops>(), sp.GetRequiredService<TelemetryIngest>(), sp.GetRequiredService<LogBatchWriter>(),
                    sp.GetRequiredService<ErrorTracker>(), telemetry),
                new ForwardingCollector(sp.GetRequiredService<LogForwarding>()),
            ];
            if (sp.GetService<IEnvironmentCounts>() is { } environments)
            {
                collectors.Add(new EnvironmentCollector(environments));
            }

            collectors.Add(new StoreSizeCollector(options.DataDirectory ?? telemetry.DataDirectory));
            collectors.Add(new ProcessCollector());
            return new PrometheusExposition(collectors);
        });
        return services;
    }
}

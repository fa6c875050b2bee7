using Fathom.Apps.Config;
using Fathom.Gateway.Traffic;
using Fathom.Platform.Events;
using Fathom.Runtime.Events;
using Fathom.Telemetry.Errors;
using Fathom.Telemetry.Errors.Sentry;
using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Logs.Forwarding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Fathom.Telemetry;

/// <summary>Registers the telemetry pipeline and its first signal, logs.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Adds the ingest path (subscribed to the <see cref="RuntimeEventHub"/> and <see cref="GatewayEventHub"/>
    /// the host registers), the redaction step, the log store (<c>logs.db</c> in <see cref="TelemetryOptions.DataDirectory"/>),
    /// its writer and retention, and the Sentry ingest (projects kept in <see cref="SentryProjects.FileName"/>). Hosted services stop in reverse order: ingest drains into the writer, then the writer
    /// drains into the store.</summary>
    public static IServiceCollection AddFathomTelemetry(this IServiceCollection services, Action<TelemetryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new TelemetryOptions();
        configure(options);
        if (string.IsNullOrEmpty(options.DataDirectory))
        {
            throw new ArgumentException("Telemetry needs a data directory.", nameof(configure));
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RuntimeEventHub>();
        services.TryAddSingleton<GatewayEventHub>();
        services.TryAddSingleton<ISecretValues, NoSecretValues>();
        services.AddSingleton<Redactor>();
        services.AddSingleton<TelemetryDrops>();
        services.AddSingleton(sp => new LogCommits(sp.GetRequiredService<LogStore>().SequenceAtOpen));
        services.AddSingleton(_ => LogStore.Open(options.DataDirectory));
        services.AddSingleton<LogBatchWriter>();
        services.AddSingleton<ILogSink>(sp => sp.GetRequiredService<LogBatchWriter>());
        services.TryAddSingleton(new LogsConfig());
        services.AddSingleton(sp => new LogForwarding(
            sp.GetRequiredService<LogsConfig>(), timeProvider: sp.GetRequiredService<TimeProvider>(), loggerFactory: sp.GetService<ILoggerFactory>()));
        services.AddSingleton<LogForwardingService>();
        services.AddSingleton<ILogSink>(sp => sp.GetRequiredService<LogForwardingService>());
        services.AddSingleton(sp => ErrorStore.Open(options.DataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => PlatformEventStore.Open(options.DataDirectory));
        services.AddSingleton<IIssueChangeSink, PlatformIssueEvents>();
        services.AddSingleton<ErrorTracker>();
        services.AddSingleton<IErrorSink>(sp => sp.GetRequiredService<ErrorTracker>());
        services.AddSingleton<TelemetryIngest>();

        // Sentry ingest: SDK events go to the same IErrorSink (the tracker) as the platform's.
        services.AddSingleton(_ => SentryProjects.Open(options.DataDirectory));
        services.AddSingleton(sp => new SentryIngest(sp.GetRequiredService<SentryProjects>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IErrorSink>()));

        // Stopped in reverse: retention, then ingest (drains into the sinks), forwarding (its grace), the error tracker, the writer.
        services.AddHostedService(sp => sp.GetRequiredService<LogBatchWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<ErrorTracker>());
        services.AddHostedService(sp => sp.GetRequiredService<LogForwardingService>());
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryIngest>());
        services.AddHostedService<LogRetentionService>();
        return services;
    }
}

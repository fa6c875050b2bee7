using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Telemetry.Metrics;

/// <summary>Deletes each resolution's points past its retention: once at start, then every
/// <see cref="MetricsOptions.RetentionInterval"/>.</summary>
public sealed partial class MetricRetentionService(MetricStore store, MetricsOptions options, TimeProvider time, ILogger<MetricRetentionService> logger)
    : BackgroundService
{
    /// <summary>One pass over the three resolutions; returns the points deleted.</summary>
    public int RunOnce()
    {
        var now = time.GetUtcNow();
        var deleted = 0;
        foreach (var resolution in MetricSchema.Resolutions)
        {
            deleted += store.DeleteBefore(resolution, now - options.Retention.For(resolution));
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RetentionInterval, time);
        try
        {
            do
            {
                try
                {
                    RunOnce();
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
                {
                    LogFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metric retention failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

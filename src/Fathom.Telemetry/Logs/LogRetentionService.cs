using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Telemetry.Logs;

/// <summary>Enforces the log store's retention (age and size, server-level) in the background: once at start, then
/// every <see cref="TelemetryOptions.RetentionInterval"/>. Deletes in small transactions, so ingest never stalls.</summary>
public sealed partial class LogRetentionService(LogStore store, TelemetryOptions options, TimeProvider time, ILogger<LogRetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = new LogRetention(store, options.Retention, time);
        using var timer = new PeriodicTimer(options.RetentionInterval, time);
        do
        {
            try
            {
                var result = await retention.RunOnceAsync(stoppingToken);
                if (result.RowsDeleted > 0)
                {
                    LogEnforced(logger, result.RowsDeleted, result.BytesInUseBefore, result.BytesInUseAfter);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                LogFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Log retention removed {Rows} records ({Before} -> {After} bytes in use)")]
    private static partial void LogEnforced(ILogger logger, long rows, long before, long after);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Log retention failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

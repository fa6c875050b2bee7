using Microsoft.Extensions.Logging;

namespace Fathom.Telemetry.Logs.Forwarding;

internal sealed partial class LogForwarder
{
    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Log forwarding to {Destination} is failing ({Error}); retrying in {Delay} and keeping records queued")]
    private static partial void LogFailing(ILogger logger, string destination, string? error, TimeSpan delay);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Log forwarding to {Destination} recovered")]
    private static partial void LogRecovered(ILogger logger, string destination);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "{Destination} rejected {Count} log records for good: {Error}")]
    private static partial void LogRejected(ILogger logger, string destination, int count, string? error);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Log forwarding to {Destination} stopped with {Count} records unsent; they are dropped")]
    private static partial void LogDroppedAtStop(ILogger logger, string destination, int count);
}

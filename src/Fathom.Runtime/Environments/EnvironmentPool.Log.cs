using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.Environments;

internal sealed partial class EnvironmentPool
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Stopped idle environment {EnvironmentId} of {Function}:{Version}")]
        public static partial void IdleStopped(Microsoft.Extensions.Logging.ILogger logger, string function, string version, string environmentId);

        [LoggerMessage(2, LogLevel.Warning, "Stopping environment {EnvironmentId} failed")]
        public static partial void RetireFailed(Microsoft.Extensions.Logging.ILogger logger, string environmentId, Exception exception);

        [LoggerMessage(3, LogLevel.Error, "Invocation {RequestId} of {Function}:{Version} failed in the platform")]
        public static partial void InvocationFailed(Microsoft.Extensions.Logging.ILogger logger, string function, string version, string requestId, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "A provisioned environment of {Function}:{Version} failed to start: {ErrorType} {ErrorMessage}")]
        public static partial void ProvisionedFailed(Microsoft.Extensions.Logging.ILogger logger, string function, string version, string errorType, string errorMessage);
    }
}

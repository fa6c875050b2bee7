using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.Environments;

internal sealed partial class ExecutionEnvironment
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "An environment of {Function}:{Version} did not start: its sandbox is unavailable ({Reason})")]
        public static partial void SandboxUnavailable(ILogger logger, string function, string version, string reason);
    }
}

using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.Hosting;

public sealed partial class FunctionRuntime
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Reaped {Count} processes left by an earlier run that was killed")]
        public static partial void Reaped(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Warning, "Function {Function} declares {Runtime}; it runs on the installed Node.js {NodeVersion}")]
        public static partial void NodeMajorDiffers(ILogger logger, string function, string runtime, string nodeVersion);
    }
}

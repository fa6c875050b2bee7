using Microsoft.Extensions.Logging;

namespace Fathom.Runtime.RuntimeClient;

public sealed partial class RuntimeClientInstaller
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Installing the Node runtime client aws-lambda-ric {Version} into {Directory} (native build, about a minute)")]
        public static partial void Installing(ILogger logger, string version, string directory);

        [LoggerMessage(2, LogLevel.Information, "Installed aws-lambda-ric {Version} in {Seconds:F1} s")]
        public static partial void Installed(ILogger logger, string version, double seconds);

        [LoggerMessage(3, LogLevel.Information, "Waiting for another process to finish installing the runtime client ({LockFile})")]
        public static partial void WaitingForLock(ILogger logger, string lockFile);
    }
}

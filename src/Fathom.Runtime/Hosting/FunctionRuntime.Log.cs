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

        [LoggerMessage(3, LogLevel.Information, "Sandbox: bubblewrap {Bubblewrap}, network {NetworkMode}, cgroup {Cgroup}, outbound network {Outbound}")]
        public static partial void SandboxReady(ILogger logger, bool bubblewrap, string networkMode, string cgroup, bool outbound);

        [LoggerMessage(4, LogLevel.Warning, "Sandbox: {Warning}")]
        public static partial void SandboxWarning(ILogger logger, string warning);

        [LoggerMessage(5, LogLevel.Warning, "The sandbox is turned off (RuntimeOptions.Sandbox = false): functions run as plain processes and can read the platform's files, reach every service on this machine and use unlimited memory")]
        public static partial void SandboxOff(ILogger logger);
    }
}

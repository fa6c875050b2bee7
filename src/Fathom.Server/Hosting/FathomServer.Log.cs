using Microsoft.Extensions.Logging;

namespace Fathom.Server.Hosting;

public sealed partial class FathomServer
{
    [LoggerMessage(1, LogLevel.Information, "Fathom listening: app traffic on {AppUrl}, admin on {AdminUrl}")]
    private static partial void LogStarted(ILogger logger, string appUrl, Uri adminUrl);
}

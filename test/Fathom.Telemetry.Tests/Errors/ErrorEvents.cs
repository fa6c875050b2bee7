using Fathom.Telemetry.Errors;

namespace Fathom.Telemetry.Tests.Errors;

/// <summary>Error events as the platform makes them from a Node stack.</summary>
internal static class ErrorEvents
{
    public static ErrorEvent Of(string type, string message, string version = "1", string function = "Orders", string? requestId = null,
        DateTimeOffset? time = null, params string[] stack) => new()
    {
        EventId = Guid.NewGuid().ToString("N"),
        Time = time ?? new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero),
        App = "shop",
        Environment = "local",
        Function = function,
        Version = version,
        RequestId = requestId,
        Origin = ErrorOrigins.Platform,
        Kind = "FunctionError",
        Type = type,
        Message = message,
        Frames = NodeStackParser.Parse(stack),
    };
}

using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Tests.Support;

namespace Fathom.Telemetry.Tests.Forwarding;

internal static class TestRecords
{
    public static readonly DateTimeOffset Time = new(2026, 12, 7, 14, 30, 15, 123, TimeSpan.Zero);

    public static LogRecord Line(string message, string function = "orders", LogLevel level = LogLevel.Info, string app = "shop", string? requestId = "8f5c1f52-2d4e-4a8a-9b9e-5d1c2f3a4b5c") =>
        LogLines.Line(message, function, requestId, level, time: Time.AddTicks(1234), version: "7", app: app) with { EnvironmentId = "a1b2c3" };

    public static LogRecord Report(string requestId) => Line("", requestId: requestId) with
    {
        Stream = "platform",
        Invocation = new InvocationSummary
        {
            Start = Time.AddMilliseconds(-250),
            Duration = TimeSpan.FromMilliseconds(245.67),
            BilledDuration = TimeSpan.FromMilliseconds(246),
            MemorySizeMb = 128,
            MaxMemoryUsedMb = 71,
            InitDuration = TimeSpan.FromMilliseconds(180.5),
            Outcome = "Success",
        },
    };
}

using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry.Tests.Support;

/// <summary>Records for tests: a plain line unless told otherwise.</summary>
internal static class LogLines
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static LogRecord Line(
        string message, string function = "orders", string? requestId = "req-1", LogLevel level = LogLevel.Info,
        string? fields = null, DateTimeOffset? time = null, string version = "1", string app = "shop", string environment = "prod") => new()
    {
        Time = time ?? T0,
        App = app,
        Environment = environment,
        Function = function,
        Version = version,
        Qualifier = "live",
        Source = "api",
        RequestId = requestId,
        Level = level,
        Message = message,
        Fields = fields,
        Stream = fields is null ? "stdout" : "telemetry",
        EnvironmentId = "env-a",
    };

    public static LogRecord Invocation(string requestId, DateTimeOffset end, TimeSpan? init = null, string outcome = "Success", string function = "orders") =>
        Line("REPORT", function, requestId, time: end) with
        {
            Stream = "platform",
            EnvironmentId = null,
            Invocation = new InvocationSummary
            {
                Start = end - TimeSpan.FromMilliseconds(12.34),
                Duration = TimeSpan.FromMilliseconds(12.34),
                BilledDuration = TimeSpan.FromMilliseconds(13),
                MemorySizeMb = 128,
                MaxMemoryUsedMb = 60,
                InitDuration = init,
                Outcome = outcome,
            },
        };

    public static async Task<IReadOnlyList<LogRecord>> AppendAsync(this LogStore store, params LogRecord[] records) =>
        await store.AppendAsync(records, TestContext.Current.CancellationToken);

    public static async Task<IReadOnlyList<string>> MessagesAsync(this LogStore store, string filter, LogQuery? query = null)
    {
        var page = await store.QueryAsync((query ?? new LogQuery()) with { Filter = LogFilter.Parse(filter) }, TestContext.Current.CancellationToken);
        return page.Records.Select(record => record.Message).ToList();
    }
}

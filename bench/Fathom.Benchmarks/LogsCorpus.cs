using System.Globalization;
using Fathom.Telemetry.Logs;
using LogLevel = Fathom.Telemetry.Logs.LogLevel;

namespace Fathom.Benchmarks;

/// <summary>
/// Deterministic, realistic log traffic for the log store benchmark: requests of a few lines each plus their
/// START/END/REPORT record, spread over N functions; about a third of the lines are JSON with fields. Known rates:
/// <c>checkout</c> in 1 % of lines, <c>kraken</c> in 0.01 %, the phrase "payment declined" in 0.1 % (its words also
/// appear apart), <c>status</c> &gt;= 500 in ~1 % of JSON lines (0.3 % of records), ERROR or above in ~1.4 % of records.
/// </summary>
internal sealed class LogsCorpus(int functions, int seed = 42)
{
    private static readonly string[] Paths = ["/api/orders", "/api/cart", "/api/users", "/api/search", "/api/inventory", "/health"];
    private static readonly string[] Plans = ["free", "pro", "team", "enterprise"];
    private readonly Random _random = new(seed);
    private DateTimeOffset _time = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private long _request;

    public List<string> RequestIds { get; } = [];

    /// <summary>How many records were generated, and how many hold each term the benchmark searches for.</summary>
    public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    private void Count(string? term)
    {
        if (term is not null)
        {
            Counts[term] = Counts.GetValueOrDefault(term) + 1;
        }
    }

    /// <summary>The next <paramref name="count"/> records (whole requests, so a batch may run a few lines over).</summary>
    public List<LogRecord> Next(int count)
    {
        var batch = new List<LogRecord>(count + 8);
        while (batch.Count < count)
        {
            AddRequest(batch);
        }

        Counts["records"] = Counts.GetValueOrDefault("records") + batch.Count;

        return batch;
    }

    private void AddRequest(List<LogRecord> batch)
    {
        var function = "fn-" + (_random.Next(functions) + 1).ToString("00", CultureInfo.InvariantCulture);
        // Lambda's request ids are random (v4), so the request-id index takes inserts all over, as it will in use.
        var requestId = RandomGuid().ToString();
        if (_request++ % 97 == 0)
        {
            RequestIds.Add(requestId);
        }

        var start = _time;
        var lines = 3 + _random.Next(4);
        for (var i = 0; i < lines; i++)
        {
            _time = _time.AddMilliseconds(1 + _random.Next(5));
            batch.Add(_random.Next(3) == 0 ? JsonLine(function, requestId) : TextLine(function, requestId));
        }

        var duration = _time - start;
        batch.Add(Record(function, requestId, LogLevel.Info, "REPORT", null, "platform") with
        {
            Invocation = new InvocationSummary
            {
                Start = start,
                Duration = duration,
                BilledDuration = TimeSpan.FromMilliseconds(Math.Ceiling(duration.TotalMilliseconds)),
                MemorySizeMb = 128,
                MaxMemoryUsedMb = 60 + _random.Next(30),
                InitDuration = _random.Next(50) == 0 ? TimeSpan.FromMilliseconds(120 + _random.Next(100)) : null,
                Outcome = "Success",
            },
        });
    }

    private Guid RandomGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private LogRecord TextLine(string function, string requestId)
    {
        var roll = _random.Next(100_000);
        var id = _random.Next(1_000_000);

        // Text lines are ~55 % of records (the rest JSON lines and invocation records), so these per-100k rates give
        // kraken 0.01 %, "payment declined" 0.1 % and checkout 1 % of all records.
        var (level, message) = roll switch
        {
            < 18 => (LogLevel.Error, $"Unexpected kraken response from upstream shard {id % 64}"),
            < 201 => (LogLevel.Warn, $"payment declined for order {id}: insufficient funds"),
            < 2034 => (LogLevel.Info, $"checkout started for cart {id} with {1 + (id % 9)} items"),
            < 4034 => (LogLevel.Error, $"Error: connect ECONNREFUSED 10.0.{id % 256}.{id % 200}:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)"),
            < 9000 => (LogLevel.Info, $"card declined by issuer for customer {id % 5000}, retrying with backup method"),
            < 14000 => (LogLevel.Info, $"payment authorized for order {id} amount {id % 900}.{id % 100:00} USD"),
            < 30000 => (LogLevel.Debug, $"cache miss for key user:{id % 20000} after {id % 40} ms"),
            < 50000 => (LogLevel.Info, $"GET {Paths[id % Paths.Length]}/{id} 200 in {id % 250} ms"),
            < 70000 => (LogLevel.Info, $"processing order {id} for customer {id % 5000} in region us-east-{1 + (id % 2)}"),
            < 85000 => (LogLevel.Warn, $"slow query on orders table took {200 + (id % 800)} ms (rows scanned {id % 10000})"),
            _ => (LogLevel.Info, $"handled event from queue orders-{id % 8} message id {id} attempt {1 + (id % 3)}"),
        };
        Count(roll switch { < 18 => "kraken", < 201 => "payment declined", < 2034 => "checkout", _ => null });
        return Record(function, requestId, level, message, null, roll is >= 2034 and < 4034 ? "stderr" : "stdout");
    }

    private LogRecord JsonLine(string function, string requestId)
    {
        var id = _random.Next(1_000_000);
        var status = _random.Next(100) switch
        {
            0 => 500 + (id % 4),
            < 5 => 404,
            < 8 => 201,
            _ => 200,
        };
        var level = status >= 500 ? LogLevel.Error : LogLevel.Info;
        Count(status >= 500 ? "status>=500" : null);
        var path = Paths[id % Paths.Length];
        var message = status >= 500 ? $"request failed with status {status}" : $"request completed {path}";
        var fields = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"timestamp":"{{{_time:O}}}","level":"{{{(level == LogLevel.Error ? "ERROR" : "INFO")}}}","requestId":"{{{requestId}}}","message":"{{{message}}}","status":{{{status}}},"durationMs":{{{id % 300}}}.{{{id % 10}}},"path":"{{{path}}}","user":{"id":{{{id % 50000}}},"plan":"{{{Plans[id % Plans.Length]}}}"}}""");
        return Record(function, requestId, level, message, fields, "telemetry");
    }

    private LogRecord Record(string function, string requestId, LogLevel level, string message, string? fields, string stream) => new()
    {
        Time = _time,
        App = "shop",
        Environment = "prod",
        Function = function,
        Version = "3",
        Qualifier = "live",
        Source = "api",
        RequestId = requestId,
        Level = level,
        Message = message,
        Fields = fields,
        Stream = stream,
        EnvironmentId = "2026/12/01/[3]a1b2c3",
    };
}

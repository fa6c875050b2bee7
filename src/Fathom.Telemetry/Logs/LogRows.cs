using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>The <c>lines</c> columns every read selects, and how a row becomes a <see cref="LogRecord"/>.</summary>
internal static class LogRows
{
    public const string Columns = """
        l.seq, l.time, l.app, l.environment, l.function, l.version, l.qualifier, l.source, l.request_id, l.level,
        l.stream, l.environment_id, l.message, l.fields, l.invocation_start, l.duration_us, l.billed_duration_us,
        l.memory_size_mb, l.max_memory_used_mb, l.init_duration_us, l.outcome
        """;

    public static List<LogRecord> ReadAll(SqliteCommand command, int capacity)
    {
        var records = new List<LogRecord>(capacity);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public static LogRecord Read(SqliteDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        Time = LogTime.FromMicroseconds(reader.GetInt64(1)),
        App = reader.GetString(2),
        Environment = reader.GetString(3),
        Function = reader.GetString(4),
        Version = reader.GetString(5),
        Qualifier = String(reader, 6),
        Source = String(reader, 7),
        RequestId = String(reader, 8),
        Level = (LogLevel)reader.GetInt32(9),
        Stream = reader.GetString(10),
        EnvironmentId = String(reader, 11),
        Message = reader.GetString(12),
        Fields = String(reader, 13),
        Invocation = reader.IsDBNull(14) ? null : new InvocationSummary
        {
            Start = LogTime.FromMicroseconds(reader.GetInt64(14)),
            Duration = LogTime.DurationFromMicroseconds(reader.GetInt64(15)),
            BilledDuration = LogTime.DurationFromMicroseconds(reader.GetInt64(16)),
            MemorySizeMb = reader.GetInt32(17),
            MaxMemoryUsedMb = reader.GetInt32(18),
            InitDuration = reader.IsDBNull(19) ? null : LogTime.DurationFromMicroseconds(reader.GetInt64(19)),
            Outcome = reader.GetString(20),
        },
    };

    private static string? String(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

namespace Fathom.Telemetry.Logs;

/// <summary>Times are stored as unix microseconds: integers compare and index cheaply and keep the runtime's precision.</summary>
internal static class LogTime
{
    public static long ToMicroseconds(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromMicroseconds(long value) => new(DateTimeOffset.UnixEpoch.UtcTicks + (value * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    public static long ToMicroseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMicrosecond;

    public static TimeSpan DurationFromMicroseconds(long value) => TimeSpan.FromTicks(value * TimeSpan.TicksPerMicrosecond);
}

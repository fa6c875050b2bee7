namespace Fathom.Telemetry.Logs.Forwarding;

/// <summary>How a <see cref="LogLevel"/> is written by each destination kind.</summary>
internal static class LogSeverity
{
    /// <summary>OTLP <c>SeverityNumber</c>: the first number of each range (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21).</summary>
    public static int OtlpNumber(LogLevel level) => level switch
    {
        LogLevel.Trace => 1,
        LogLevel.Debug => 5,
        LogLevel.Info => 9,
        LogLevel.Warn => 13,
        LogLevel.Error => 17,
        LogLevel.Fatal => 21,
        _ => 0,
    };

    /// <summary>The level's name as Lambda prints it, which is also OTLP's <c>severity_text</c>.</summary>
    public static string Text(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Fatal => "FATAL",
        _ => "INFO",
    };

    /// <summary>RFC 5424 severity: debug 7, informational 6, warning 4, error 3, critical 2 (FATAL is a crash of one
    /// function, not the whole system going down, so not alert or emergency).</summary>
    public static int SyslogSeverity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => 7,
        LogLevel.Info => 6,
        LogLevel.Warn => 4,
        LogLevel.Error => 3,
        LogLevel.Fatal => 2,
        _ => 6,
    };
}

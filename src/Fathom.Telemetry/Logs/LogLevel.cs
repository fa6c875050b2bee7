namespace Fathom.Telemetry.Logs;

/// <summary>A log record's severity, in Lambda's names and order (AWS_LAMBDA_LOG_LEVEL). Lines with no level of their
/// own (raw stdout) are <see cref="Info"/>, raw stderr <see cref="Error"/>.</summary>
public enum LogLevel
{
    Trace = 1,
    Debug = 2,
    Info = 3,
    Warn = 4,
    Error = 5,
    Fatal = 6,
}

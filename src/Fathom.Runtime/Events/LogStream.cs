namespace Fathom.Runtime.Events;

/// <summary>Where a log line came from.</summary>
public enum LogStream
{
    /// <summary>The function process wrote it to stdout.</summary>
    Stdout,

    /// <summary>The function process wrote it to stderr.</summary>
    Stderr,

    /// <summary>The platform wrote it: START, END, REPORT (or, in JSON log format, <c>platform.start</c> and
    /// <c>platform.report</c> records), timeouts and exits, as Lambda does.</summary>
    Platform,

    /// <summary>The runtime client wrote it as one frame on its telemetry log descriptor (<c>_LAMBDA_TELEMETRY_LOG_FD</c>):
    /// one console call, kept whole even when it spans lines, with its level and time.</summary>
    Telemetry,
}

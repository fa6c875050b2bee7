namespace Fathom.Runtime.Events;

/// <summary>Where a log line came from.</summary>
public enum LogStream
{
    /// <summary>The function process wrote it to stdout.</summary>
    Stdout,

    /// <summary>The function process wrote it to stderr.</summary>
    Stderr,

    /// <summary>The platform wrote it: START, END, REPORT, timeouts and exits, as Lambda does.</summary>
    Platform,
}

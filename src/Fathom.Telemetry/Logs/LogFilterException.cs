namespace Fathom.Telemetry.Logs;

/// <summary>A filter that does not parse: <see cref="Exception.Message"/> says what and where
/// (<c>unclosed quote at 14</c>), <see cref="Position"/> is the 1-based column the message names.</summary>
public sealed class LogFilterException : Exception
{
    public LogFilterException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public LogFilterException()
    {
    }

    public LogFilterException(string message)
        : base(message)
    {
    }

    public LogFilterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based column in the filter text the error is at.</summary>
    public int Position { get; }
}

namespace Fathom.Telemetry.Logs;

/// <summary>One line as a user reads it: its time and its text.</summary>
/// <param name="Time">When the line was printed.</param>
/// <param name="Text">The line's text (a message may span several lines).</param>
public readonly record struct RenderedLogLine(DateTimeOffset Time, string Text);

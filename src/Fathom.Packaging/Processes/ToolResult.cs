namespace Fathom.Packaging.Processes;

/// <summary>How a build tool exited and what it printed (stdout and stderr interleaved as they arrived).</summary>
internal sealed record ToolResult(int ExitCode, string Output, bool TimedOut);

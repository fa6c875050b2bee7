namespace Fathom.Packaging.Processes;

/// <summary>The build tool could not be started (not installed or not on PATH).</summary>
internal sealed class ToolNotFoundException(string tool, Exception inner)
    : Exception($"'{tool}' could not be started; is it installed and on PATH?", inner)
{
    public string Tool { get; } = tool;
}

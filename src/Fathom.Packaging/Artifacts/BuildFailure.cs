namespace Fathom.Packaging.Artifacts;

/// <summary>A build step failed; the caller turns it into a <see cref="PackageException"/> naming its function.</summary>
internal sealed class BuildFailure(string message, string toolOutput = "", Exception? inner = null) : Exception(message, inner)
{
    public string ToolOutput { get; } = toolOutput;
}

namespace Fathom.Packaging.Artifacts;

/// <summary>A file changed between hashing and copying (an editor saved mid-build); the build starts over.</summary>
internal sealed class SourceChangedException(string relativePath)
    : Exception($"'{relativePath}' changed while it was being packaged.")
{
    public string RelativePath { get; } = relativePath;
}

namespace Fathom.Packaging.Sources;

/// <summary>One file of a function's code as it was hashed.</summary>
internal sealed record SourceFile(string RelativePath, string FullPath, long Length, UnixFileMode Mode, string ContentHash)
{
    public bool IsExecutable => (Mode & UnixFileMode.UserExecute) != 0;
}

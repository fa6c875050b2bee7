namespace Fathom.Apps.Templates;

/// <summary>Where a node starts in its file (1-based line and column).</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation OfFile(string file) => new(file, 0, 0);
}

namespace Fathom.Packaging.Sources;

/// <summary>A function's code directory as a sorted file list and the content hash over it.</summary>
internal sealed record SourceTree(string Root, IReadOnlyList<SourceFile> Files, string Hash)
{
    public SourceFile? Find(string relativePath) =>
        Files.FirstOrDefault(f => string.Equals(f.RelativePath, relativePath, StringComparison.Ordinal));
}

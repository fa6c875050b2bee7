namespace Fathom.Packaging.Sources;

/// <summary>Directories never packaged: platform state, SAM's build output, VCS data, and node_modules (rebuilt from package.json).</summary>
internal static class SourceExclusions
{
    public static readonly IReadOnlySet<string> DirectoryNames = new HashSet<string>(StringComparer.Ordinal)
    {
        ".fathom", ".aws-sam", ".git", "node_modules",
    };
}

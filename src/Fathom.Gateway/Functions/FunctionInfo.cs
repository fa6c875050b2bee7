namespace Fathom.Gateway.Functions;

/// <summary>A function with its <c>$LATEST</c> configuration, published versions and aliases.</summary>
public sealed record FunctionInfo
{
    public required string Name { get; init; }

    /// <summary>The <c>$LATEST</c> configuration.</summary>
    public required FunctionVersionInfo Latest { get; init; }

    /// <summary>Published versions, oldest first.</summary>
    public IReadOnlyList<FunctionVersionInfo> Versions { get; init; } = [];

    public IReadOnlyList<FunctionAliasInfo> Aliases { get; init; } = [];

    /// <summary>The configuration of <c>$LATEST</c> or a published version, or null.</summary>
    public FunctionVersionInfo? FindVersion(string version) =>
        version == "$LATEST" ? Latest : Versions.FirstOrDefault(v => v.Version == version);
}

namespace Fathom.Packaging.Artifacts;

/// <summary>What to package: one function's code directory, built for its runtime.</summary>
public sealed record PackageRequest
{
    /// <summary>The function name (DESIGN.md "Function identity"); used in messages only, never in the hash.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The Lambda runtime identifier, e.g. <c>nodejs20.x</c> or <c>provided.al2023</c>.</summary>
    public required string Runtime { get; init; }

    /// <summary>The function's source directory (its resolved CodeUri).</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>Where artifacts live, e.g. <c>&lt;data&gt;/artifacts</c>; each artifact is a <c>&lt;hash&gt;/</c> folder in it.</summary>
    public required string ArtifactsDirectory { get; init; }
}

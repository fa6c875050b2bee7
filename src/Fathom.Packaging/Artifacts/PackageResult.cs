namespace Fathom.Packaging.Artifacts;

/// <summary>A built (or found) immutable artifact for one function.</summary>
public sealed record PackageResult
{
    /// <summary>The function the artifact was asked for.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The runtime it was built for.</summary>
    public required string Runtime { get; init; }

    /// <summary>The content hash (SHA-256, lowercase hex) that names the artifact.</summary>
    public required string Hash { get; init; }

    /// <summary>The artifact folder, <c>&lt;artifacts&gt;/&lt;hash&gt;</c>; holds <c>manifest.json</c> and <c>code/</c>.</summary>
    public required string ArtifactDirectory { get; init; }

    /// <summary>The task root to run the function from (<c>&lt;artifact&gt;/code</c>).</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>True when an existing complete artifact was reused and nothing was built.</summary>
    public required bool Reused { get; init; }

    /// <summary>How long this call took, hashing included.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Things the user should know about the build, e.g. install scripts npm skipped. Kept with the artifact, so reuses report them too.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Dependencies whose install scripts npm skipped because <c>allowScripts</c> does not cover them (<c>name@version</c>).</summary>
    public IReadOnlyList<string> SkippedInstallScripts { get; init; } = [];

    /// <summary>The build tool's combined output (empty when reused or when no tool ran).</summary>
    public string BuildOutput { get; init; } = "";
}

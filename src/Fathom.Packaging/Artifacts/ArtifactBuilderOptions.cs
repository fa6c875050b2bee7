namespace Fathom.Packaging.Artifacts;

/// <summary>Settings for <see cref="ArtifactBuilder"/>; the defaults suit both <c>fathom up</c> and a server.</summary>
public sealed record ArtifactBuilderOptions
{
    /// <summary>The npm executable (a name looked up on PATH, or a path).</summary>
    public string NpmPath { get; init; } = "npm";

    /// <summary>How long one build tool run may take before it is killed and the build fails.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(10);
}

namespace Fathom.Packaging.Artifacts;

/// <summary>A finished build: the manifest now in place and what the tool printed.</summary>
internal sealed record BuildOutcome(ArtifactManifest Manifest, string Output);

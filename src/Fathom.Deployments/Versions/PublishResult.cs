namespace Fathom.Deployments.Versions;

/// <summary>The outcome of a publish: the version that now holds the code and configuration.</summary>
/// <param name="Version">The new version, or the existing latest one when nothing changed.</param>
/// <param name="Created">True when a new version was created.</param>
public sealed record PublishResult(FunctionVersion Version, bool Created);

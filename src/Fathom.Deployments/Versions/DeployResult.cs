namespace Fathom.Deployments.Versions;

/// <summary>The outcome of an all-at-once deploy: publish, then point the alias at the version.</summary>
/// <param name="Version">The version the alias now points to.</param>
/// <param name="Created">True when a new version was published.</param>
/// <param name="Alias">The alias that was set.</param>
/// <param name="PreviousVersion">The alias's version before, or null when the alias is new.</param>
/// <param name="AliasMoved">True when the alias changed (new, another version, or routing cleared).</param>
public sealed record DeployResult(FunctionVersion Version, bool Created, string Alias, int? PreviousVersion, bool AliasMoved);

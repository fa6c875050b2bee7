namespace Fathom.Deployments.Releases;

/// <summary>One function in a release: where its alias pointed before and after, and what differs between the two
/// versions.</summary>
/// <param name="Function">The function name.</param>
/// <param name="Alias">The alias its routes use.</param>
/// <param name="FromVersion">The alias's version before the release; null for a function new to the environment.</param>
/// <param name="ToVersion">The version after; null when the release removed the function.</param>
/// <param name="Created">True when <paramref name="ToVersion"/> was released for the first time by this release.</param>
/// <param name="Changes">Readable lines: <c>code changed (…)</c>, <c>memorySizeMb 128 → 256</c>, <c>environment.FOO
/// changed</c> (never a variable's value).</param>
public sealed record ReleaseChange(string Function, string Alias, int? FromVersion, int? ToVersion, bool Created, IReadOnlyList<string> Changes)
{
    /// <summary>Whether the alias moved (or appeared, or went away).</summary>
    public bool Moved => FromVersion != ToVersion;
}

using System.Collections.Frozen;

namespace Fathom.Deployments.Versions;

/// <summary>One function's versions and aliases within a <see cref="DeploymentState"/>. Immutable.</summary>
public sealed class FunctionDeployment
{
    internal FunctionDeployment(string name, string? defaultAlias, IReadOnlyList<FunctionVersion> versions, IEnumerable<FunctionAlias> aliases)
    {
        Name = name;
        DefaultAlias = defaultAlias ?? Qualifiers.DefaultAlias;
        Versions = versions;
        Aliases = aliases.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The function name.</summary>
    public string Name { get; }

    /// <summary>The alias an unqualified call resolves through (the function's AutoPublishAlias, else <c>live</c>).</summary>
    public string DefaultAlias { get; }

    /// <summary>All versions, oldest first (number 1 at index 0).</summary>
    public IReadOnlyList<FunctionVersion> Versions { get; }

    /// <summary>Aliases by name.</summary>
    public IReadOnlyDictionary<string, FunctionAlias> Aliases { get; }

    /// <summary>The newest version, or null before the first publish.</summary>
    public FunctionVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>The version with this number, or null.</summary>
    public FunctionVersion? Version(int number)
    {
        // Numbers are dense (1..N, never deleted), so the list index is the number minus one.
        if (number < 1 || number > Versions.Count)
        {
            return null;
        }

        var version = Versions[number - 1];
        return version.Number == number ? version : Versions.FirstOrDefault(v => v.Number == number);
    }
}

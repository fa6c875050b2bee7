using System.Collections.Frozen;
using System.Globalization;

namespace Fathom.Deployments.Versions;

/// <summary>
/// An immutable snapshot of one environment's versions and aliases, for the invocation hot path.
/// <see cref="DeploymentStore"/> swaps the whole snapshot after each write, so reads take no lock
/// and never see a half-applied change.
/// </summary>
public sealed class DeploymentState
{
    private readonly Func<double> _nextDouble;

    internal DeploymentState(long generation, IEnumerable<FunctionDeployment> functions, Func<double> nextDouble)
    {
        Generation = generation;
        Functions = functions.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        _nextDouble = nextDouble;
    }

    /// <summary>Increases with every write; lets a reader tell that something changed.</summary>
    public long Generation { get; }

    /// <summary>Functions by name.</summary>
    public IReadOnlyDictionary<string, FunctionDeployment> Functions { get; }

    /// <summary>
    /// Resolves what a call to <paramref name="function"/> runs. <paramref name="qualifier"/>: null or empty → the
    /// function's default alias (or its newest version when that alias does not exist yet); a number → that version;
    /// <c>$LATEST</c> → the newest version; otherwise an alias, picking its additional version by weight.
    /// </summary>
    /// <returns>The version, or null when the function, version or alias does not exist.</returns>
    public FunctionVersion? Resolve(string function, string? qualifier = null)
    {
        if (!Functions.TryGetValue(function, out var deployment))
        {
            return null;
        }

        if (string.IsNullOrEmpty(qualifier))
        {
            return deployment.Aliases.TryGetValue(deployment.DefaultAlias, out var fallback)
                ? Route(deployment, fallback)
                : deployment.Latest;
        }

        if (qualifier == Qualifiers.Latest)
        {
            return deployment.Latest;
        }

        if (char.IsAsciiDigit(qualifier[0]))
        {
            return int.TryParse(qualifier, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? deployment.Version(number)
                : null;
        }

        return deployment.Aliases.TryGetValue(qualifier, out var alias) ? Route(deployment, alias) : null;
    }

    private FunctionVersion? Route(FunctionDeployment deployment, FunctionAlias alias)
    {
        if (alias.Routing is { } routing && _nextDouble() < routing.Weight)
        {
            return deployment.Version(routing.AdditionalVersion);
        }

        return deployment.Version(alias.Version);
    }
}

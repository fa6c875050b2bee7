namespace Fathom.Deployments.Versions;

/// <summary>A named pointer to a version, optionally sharing traffic with an additional version.</summary>
/// <param name="Function">The function name.</param>
/// <param name="Name">The alias name, e.g. <c>live</c>.</param>
/// <param name="Version">The primary version.</param>
/// <param name="Routing">The additional version and its weight, or null when all traffic goes to <paramref name="Version"/>.</param>
/// <param name="UpdatedAt">When the alias last moved.</param>
public sealed record FunctionAlias(string Function, string Name, int Version, AliasRouting? Routing, DateTimeOffset UpdatedAt);

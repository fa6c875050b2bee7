namespace Fathom.Gateway.Functions;

/// <summary>An alias: a name that points at a version, optionally sending a share of calls to another.</summary>
public sealed record FunctionAliasInfo
{
    public required string Name { get; init; }

    public required string FunctionVersion { get; init; }

    /// <summary>Extra version → weight 0..1 (Lambda's <c>RoutingConfig.AdditionalVersionWeights</c>).</summary>
    public IReadOnlyDictionary<string, double> AdditionalVersionWeights { get; init; } = new Dictionary<string, double>();

    public string? Description { get; init; }
}

namespace Fathom.Deployments.Versions;

/// <summary>Lambda's alias routing: a share of invocations goes to an additional version (a canary).</summary>
/// <param name="AdditionalVersion">The version that gets <paramref name="Weight"/> of the traffic.</param>
/// <param name="Weight">The share for the additional version, strictly between 0 and 1.</param>
public sealed record AliasRouting(int AdditionalVersion, double Weight);

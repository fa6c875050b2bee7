using Fathom.Deployments.Releases;
using Fathom.Gateway.Routing;

namespace Fathom.Server.Environments;

/// <summary>What one deploy (or <c>fathom up</c> build) asks of an app environment: every function as it should be after
/// it, and the route table to serve.</summary>
/// <param name="Functions">Each function's release and its ProvisionedConcurrency (warmed before its alias moves).</param>
/// <param name="Routes">The gateway's routes after the change.</param>
/// <param name="Actor">Who asked (EnvironmentSelection.Actor, or <c>fathom up</c>).</param>
/// <param name="Reason">ReleaseReasons.Deploy or Reload.</param>
/// <param name="Parameters">The effective template parameter overrides, kept with the release.</param>
/// <param name="Source">The address the deploy came from, for the audit table.</param>
internal sealed record EnvironmentChange(
    IReadOnlyList<PlannedFunction> Functions,
    IReadOnlyList<GatewayRoute> Routes,
    string Actor,
    string Reason,
    IReadOnlyDictionary<string, string>? Parameters = null,
    string? Source = null);

/// <summary>One function of an <see cref="EnvironmentChange"/>.</summary>
internal sealed record PlannedFunction(FunctionRelease Release, int? ProvisionedConcurrency);

/// <summary>What a change did: the release number, and per function its version before and after.</summary>
internal sealed record EnvironmentRelease(int Number, bool Changed, IReadOnlyList<FunctionChange> Functions, IReadOnlyList<string> Removed);

/// <summary>One function after a change. <paramref name="What"/>: <c>code</c> or <c>configuration</c> when a new version
/// replaced another, <c>new</c> for a function's first version here, null when unchanged.</summary>
internal sealed record FunctionChange(string Name, int Version, int? Previous, bool Created, string Alias, string? What);

namespace Fathom.Deployments.Releases;

/// <summary>One function as a deploy (or a <c>fathom up</c> reload) wants it: its code and configuration, and the alias
/// its routes use (AutoPublishAlias, else <c>live</c>).</summary>
public sealed record FunctionRelease(string Function, string ArtifactHash, string ConfigHash, string ConfigJson, string Alias, string? Description = null);

/// <summary>A release of one app environment: every function of the app as it should be after it. Functions of the
/// environment not listed are removed from it (their aliases stop serving).</summary>
/// <param name="Functions">The app's functions.</param>
/// <param name="Actor">Who asked (EnvironmentSelection.Actor, or <c>fathom up (&lt;user&gt;)</c> for reloads).</param>
/// <param name="Reason">A <see cref="Versions.ReleaseReasons"/> value: deploy, reload.</param>
/// <param name="Parameters">The template parameter values the release was built with (kept per environment).</param>
/// <param name="Settings">Anything else the release changed that a person reviewing history wants to see (JSON object text).</param>
/// <param name="Source">The address the request came from (EnvironmentSelection.Source), for the audit table.</param>
public sealed record ReleaseRequest(
    IReadOnlyList<FunctionRelease> Functions, string Actor, string Reason,
    IReadOnlyDictionary<string, string>? Parameters = null, string? Settings = null, string? Source = null);

/// <summary>A function after a release.</summary>
public sealed record ReleasedFunction(string Function, int Version, bool Created, string Alias, int? PreviousVersion);

/// <summary>What a release did: its number in the environment's history, and every function's version after it.
/// <paramref name="Changed"/> is false when nothing changed (no release was recorded; Number is the current one).</summary>
public sealed record ReleaseOutcome(int Number, bool Changed, IReadOnlyList<ReleasedFunction> Functions);

/// <summary>One row of the append-only audit table. <paramref name="Source"/>: the caller's address, when a request asked.</summary>
public sealed record AuditEntry(string Actor, string Action, string Target, string Result, string? Detail = null, string? Source = null);

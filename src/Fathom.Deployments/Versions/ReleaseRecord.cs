namespace Fathom.Deployments.Versions;

/// <summary>One entry of the release history: a version published or an alias moved.</summary>
/// <param name="Id">Increasing id, in the order the changes happened.</param>
/// <param name="At">When it happened.</param>
/// <param name="Function">The function name.</param>
/// <param name="Alias">The alias that moved, or null for a publish.</param>
/// <param name="FromVersion">The version before (the alias's, or the previous latest for a publish); null when there was none.</param>
/// <param name="ToVersion">The version after.</param>
/// <param name="Reason">Why, e.g. <see cref="ReleaseReasons.Reload"/> or <see cref="ReleaseReasons.Rollback"/>.</param>
/// <param name="Routing">The alias's routing after the move, if any.</param>
public sealed record ReleaseRecord(
    long Id, DateTimeOffset At, string Function, string? Alias, int? FromVersion, int ToVersion, string Reason, AliasRouting? Routing);

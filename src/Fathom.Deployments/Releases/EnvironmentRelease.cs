namespace Fathom.Deployments.Releases;

/// <summary>One release of an app environment, as the history shows it.</summary>
/// <param name="Number">1..N within the environment; the highest is what is live.</param>
/// <param name="At">When it was applied.</param>
/// <param name="Actor">Who asked (the CLI's OS user, <c>api</c>, or <c>fathom up (&lt;user&gt;)</c> for reloads).</param>
/// <param name="Reason">A <see cref="Versions.ReleaseReasons"/> value: deploy, reload, rollback (or <c>migrated</c>).</param>
/// <param name="Outcome">A <see cref="ReleaseOutcomes"/> value.</param>
/// <param name="RollbackOf">For a rollback, the release whose versions it restored.</param>
/// <param name="Parameters">The template parameter values it was built with, if the caller gave them.</param>
/// <param name="SettingsChanges">What changed in the release's settings against the release before (values of
/// secret-looking keys left out).</param>
/// <param name="Functions">Every function of the environment after it, changed or not.</param>
public sealed record EnvironmentRelease(
    int Number, DateTimeOffset At, string Actor, string Reason, string Outcome, int? RollbackOf,
    IReadOnlyDictionary<string, string>? Parameters, IReadOnlyList<string> SettingsChanges, IReadOnlyList<ReleaseChange> Functions)
{
    /// <summary>The functions whose alias moved, were added or were removed by this release.</summary>
    public IEnumerable<ReleaseChange> Changed => Functions.Where(f => f.Moved);
}

using Fathom.Deployments.Releases;

namespace Fathom.Deployments.Api;

/// <summary>How releases and audit rows look in the admin API.</summary>
internal static class ReleaseJson
{
    public static object Release(EnvironmentRelease release, int live) => new
    {
        number = release.Number,
        at = release.At,
        actor = release.Actor,
        reason = release.Reason,
        outcome = release.Outcome,
        rollbackOf = release.RollbackOf,
        live = release.Number == live,
        parameters = release.Parameters,
        settingsChanges = release.SettingsChanges,
        functions = release.Functions.Select(f => new
        {
            function = f.Function,
            alias = f.Alias,
            from = f.FromVersion,
            to = f.ToVersion,
            moved = f.Moved,
            created = f.Created,
            changes = f.Changes,
        }),
    };

    public static object Audit(AuditRecord row) => new
    {
        id = row.Id,
        at = row.At,
        actor = row.Actor,
        action = row.Action,
        app = row.App,
        environment = row.Environment,
        target = row.Target,
        result = row.Result,
        detail = row.Detail,
        source = row.Source,
    };
}

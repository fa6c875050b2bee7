using System.Text.Json;
using Fathom.Deployments.Releases;
using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

// Environment releases: one transaction publishes what changed, moves every alias, and records release N, its
// per-function rows, the audit row and the platform events (outbox). A crash anywhere before the commit leaves the
// release before it live, whole; after it, the new one.
public sealed partial class DeploymentStore
{
    /// <summary>Applies a release atomically: publishes what changed, moves every alias, records the release and its
    /// audit row in one transaction; a crash at any point leaves every alias on one recorded version. When nothing
    /// changed no release is recorded (<see cref="ReleaseOutcome.Changed"/> false, the live number returned).</summary>
    /// <exception cref="DeploymentException">A function is named twice, or an alias name is not valid.</exception>
    public Task<ReleaseOutcome> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Actor);
        ArgumentException.ThrowIfNullOrEmpty(request.Reason);
        if (request.Functions.GroupBy(f => f.Function, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DeploymentException($"Function '{twice.Key}' is named twice in one release.");
        }

        foreach (var function in request.Functions)
        {
            ArgumentException.ThrowIfNullOrEmpty(function.Function);
            ValidateAliasName(function.Alias);
        }

        return WriteAsync(async (connection, transaction, now) =>
        {
            var live = await ReadLiveAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var published = new List<(FunctionRelease Request, long FunctionId, FunctionVersion Version)>();
            foreach (var function in request.Functions)
            {
                var result = await PublishCoreAsync(connection, transaction, function.Function, function.ArtifactHash, function.ConfigHash,
                    function.ConfigJson, function.Description, now, cancellationToken).ConfigureAwait(false);
                var functionId = (await FindFunctionAsync(connection, transaction, function.Function, cancellationToken).ConfigureAwait(false))!.Value;
                published.Add((function, functionId, result.Version));
            }

            // The point is reached only by a release that will move something, so a restart with it armed serves
            // until the next change instead of dying at its first, unchanged, release.
            if (published.Any(p => live.Functions.GetValueOrDefault(p.Request.Function).Version != p.Version.Number)
                || live.Functions.Any(f => f.Value.Version is not null && !request.Functions.Any(r => r.Function == f.Key)))
            {
                _crash.Reach(CrashPoints.ReleaseAfterPublish);
            }

            var changes = new List<ReleaseChange>();
            foreach (var (function, functionId, version) in published)
            {
                var (_, previous, _) = await SetAliasCoreAsync(connection, transaction, functionId, function.Function, function.Alias, version.Number,
                    null, request.Reason, now, cancellationToken).ConfigureAwait(false);
                await SetDefaultAliasCoreAsync(connection, transaction, functionId, function.Alias, cancellationToken).ConfigureAwait(false);
                var created = await IsFirstReleaseOfAsync(connection, transaction, function.Function, version.Number, cancellationToken).ConfigureAwait(false);
                var lines = await DescribeMoveAsync(connection, transaction, functionId, previous, version, cancellationToken).ConfigureAwait(false);
                changes.Add(new ReleaseChange(function.Function, function.Alias, previous, version.Number, created, lines));
            }

            // Functions the last release had and this one does not leave the environment: their aliases stop serving.
            foreach (var (name, (alias, _)) in live.Functions.Where(f => f.Value.Version is not null && !request.Functions.Any(r => r.Function == f.Key)))
            {
                var previous = await RemoveAliasAsync(connection, transaction, name, alias, cancellationToken).ConfigureAwait(false);
                changes.Add(new ReleaseChange(name, alias, previous, null, false, ["removed"]));
            }

            var parameters = request.Parameters is null ? null : JsonSerializer.Serialize(new SortedDictionary<string, string>(request.Parameters.ToDictionary(), StringComparer.Ordinal));
            var settingsChanges = live.Number == 0 && request.Settings is null ? [] : ConfigDiff.Objects(live.Settings, request.Settings);
            var released = changes.Where(c => c.ToVersion is { } v).Select(c => new ReleasedFunction(c.Function, c.ToVersion!.Value, c.Created, c.Alias, c.FromVersion)).ToList();
            if (!changes.Any(c => c.Moved) && settingsChanges.Count == 0 && parameters == live.Parameters)
            {
                if (request.Reason != ReleaseReasons.Reload)
                {
                    await AppendAuditCoreAsync(connection, transaction, new AuditEntry(request.Actor, request.Reason, Target(live.Number), AuditActions.Unchanged,
                        "nothing changed; no release recorded", request.Source), now, cancellationToken).ConfigureAwait(false);
                }

                return new ReleaseOutcome(live.Number, false, released);
            }

            var number = live.Number + 1;
            await RecordReleaseAsync(connection, transaction, number, request.Actor, request.Source, request.Reason, null, parameters, request.Settings, settingsChanges, changes, now, cancellationToken)
                .ConfigureAwait(false);
            _crash.Reach(CrashPoints.ReleaseAfterAliasMoves);
            return new ReleaseOutcome(number, true, released);
        }, cancellationToken, outcome => outcome.Changed ? CrashPoints.ReleaseAfterCommit : null);
    }

    /// <summary>Makes an earlier release live again in one transaction: every alias flips to the versions that release
    /// had (functions it did not have lose their alias), recorded as a new release with reason <c>rollback</c>.</summary>
    /// <param name="toRelease">The release to restore; null for the one before the live one.</param>
    /// <param name="actor">Who asked.</param>
    /// <exception cref="ReleaseNotFoundException">The environment has no such release.</exception>
    /// <exception cref="ReleaseConflictException">It is the live one, there is nothing earlier, or a version is gone.</exception>
    public Task<ReleaseOutcome> RollbackAsync(int? toRelease, string actor, CancellationToken cancellationToken = default) =>
        RollbackAsync(toRelease, actor, source: null, cancellationToken);

    /// <summary><see cref="RollbackAsync(int?, string, CancellationToken)"/>, with the address the request came from.</summary>
    public Task<ReleaseOutcome> RollbackAsync(int? toRelease, string actor, string? source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return WriteAsync(async (connection, transaction, now) =>
        {
            var live = await ReadLiveAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (live.Number == 0)
            {
                throw new ReleaseConflictException($"{App}/{Environment} has no releases yet; there is nothing to roll back.");
            }

            var target = toRelease ?? live.Number - 1;
            if (toRelease is null && target < 1)
            {
                throw new ReleaseConflictException($"release 1 of {App}/{Environment} is the only one; there is nothing earlier to roll back to.");
            }

            if (target < 1 || target > live.Number)
            {
                throw new ReleaseNotFoundException($"{App}/{Environment} has no release {target} (releases 1 to {live.Number}).");
            }

            if (target == live.Number)
            {
                throw new ReleaseConflictException($"release {target} is already live in {App}/{Environment}.");
            }

            var restored = await ReadReleaseAsync(connection, transaction, target, cancellationToken).ConfigureAwait(false)
                ?? throw new ReleaseNotFoundException($"{App}/{Environment} has no release {target}.");
            var changes = new List<ReleaseChange>();
            foreach (var function in restored.Functions.Where(f => f.ToVersion is not null))
            {
                var functionId = await FindFunctionAsync(connection, transaction, function.Function, cancellationToken).ConfigureAwait(false);
                var version = functionId is null ? null : await ReadVersionAsync(connection, transaction, functionId.Value, function.ToVersion!.Value, cancellationToken).ConfigureAwait(false);
                if (version is null)
                {
                    throw new ReleaseConflictException($"release {target} needs {function.Function} version {function.ToVersion}, which no longer exists.");
                }

                var (_, previous, _) = await SetAliasCoreAsync(connection, transaction, functionId!.Value, function.Function, function.Alias, version.Number,
                    null, ReleaseReasons.Rollback, now, cancellationToken).ConfigureAwait(false);
                await SetDefaultAliasCoreAsync(connection, transaction, functionId.Value, function.Alias, cancellationToken).ConfigureAwait(false);
                var lines = await DescribeMoveAsync(connection, transaction, functionId.Value, previous, version, cancellationToken).ConfigureAwait(false);
                changes.Add(new ReleaseChange(function.Function, function.Alias, previous, version.Number, false, lines));
            }

            foreach (var (name, (alias, _)) in live.Functions.Where(f => f.Value.Version is not null && !restored.Functions.Any(r => r.Function == f.Key && r.ToVersion is not null)))
            {
                var previous = await RemoveAliasAsync(connection, transaction, name, alias, cancellationToken).ConfigureAwait(false);
                changes.Add(new ReleaseChange(name, alias, previous, null, false, ["removed"]));
            }

            var parameters = restored.Parameters is null ? null : JsonSerializer.Serialize(restored.Parameters);
            var settingsChanges = ConfigDiff.Objects(live.Settings, restored.SettingsJson);
            var number = live.Number + 1;
            await RecordReleaseAsync(connection, transaction, number, actor, source, ReleaseReasons.Rollback, target, parameters, restored.SettingsJson, settingsChanges, changes, now, cancellationToken)
                .ConfigureAwait(false);
            _crash.Reach(CrashPoints.RollbackAfterAliasMoves);
            return new ReleaseOutcome(number, true,
                changes.Where(c => c.ToVersion is not null).Select(c => new ReleasedFunction(c.Function, c.ToVersion!.Value, false, c.Alias, c.FromVersion)).ToList());
        }, cancellationToken);
    }

    /// <summary>Appends one row to the audit table (for changes made outside a release, and for failed attempts).</summary>
    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Actor);
        ArgumentException.ThrowIfNullOrEmpty(entry.Action);
        ArgumentException.ThrowIfNullOrEmpty(entry.Result);
        return WriteAsync(async (connection, transaction, now) =>
        {
            await AppendAuditCoreAsync(connection, transaction, entry, now, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    private string Target(int release) => release == 0 ? $"{App}/{Environment}" : $"{App}/{Environment} release {release}";

    private async Task RecordReleaseAsync(
        SqliteConnection connection, SqliteTransaction transaction, int number, string actor, string? source, string reason, int? rollbackOf, string? parameters,
        string? settings, IReadOnlyList<string> settingsChanges, IReadOnlyList<ReleaseChange> changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var insert = SqliteValues.Command(connection, transaction,
            """
            INSERT INTO release_history (environment_id, number, at, actor, reason, outcome, rollback_of, parameters_json, settings_json, settings_changes_json)
            VALUES ($env, $n, $at, $actor, $reason, $outcome, $of, $parameters, $settings, $settingsChanges)
            """,
            ("$env", _environmentId), ("$n", number), ("$at", SqliteValues.Time(now)), ("$actor", actor), ("$reason", reason),
            ("$outcome", ReleaseOutcomes.Succeeded), ("$of", rollbackOf), ("$parameters", parameters), ("$settings", settings),
            ("$settingsChanges", JsonSerializer.Serialize(settingsChanges))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var change in changes)
        {
            await using var row = SqliteValues.Command(connection, transaction,
                """
                INSERT INTO release_functions (environment_id, release_number, function, alias, from_version, to_version, created, changes_json)
                VALUES ($env, $n, $fn, $alias, $from, $to, $created, $changes)
                """,
                ("$env", _environmentId), ("$n", number), ("$fn", change.Function), ("$alias", change.Alias), ("$from", change.FromVersion),
                ("$to", change.ToVersion), ("$created", change.Created ? 1 : 0), ("$changes", JsonSerializer.Serialize(change.Changes)));
            await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var moved = changes.Where(c => c.Moved).ToList();
        var summary = moved.Count == 0 ? "settings only" : string.Join(", ", moved.Select(c => $"{c.Function} {c.FromVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} → {c.ToVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "removed"}"));
        await AppendAuditCoreAsync(connection, transaction,
            new AuditEntry(actor, reason, Target(number), AuditActions.Succeeded, rollbackOf is { } of ? $"to release {of}: {summary}" : summary, source), now, cancellationToken)
            .ConfigureAwait(false);

        var key = $"{App}/{Environment}/{number}";
        await EnqueueEventAsync(connection, transaction, Platform.Events.PlatformEventKinds.Release, null, null, $"release:{key}",
            JsonSerializer.Serialize(new
            {
                release = number,
                reason,
                actor,
                rollbackOf,
                functions = moved.Select(c => new { function = c.Function, alias = c.Alias, from = c.FromVersion, to = c.ToVersion, created = c.Created, changes = c.Changes }),
            }), now, cancellationToken).ConfigureAwait(false);
        foreach (var change in moved)
        {
            await EnqueueEventAsync(connection, transaction, Platform.Events.PlatformEventKinds.AliasMoved, change.Function,
                change.ToVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture), $"alias.moved:{key}/{change.Function}",
                JsonSerializer.Serialize(new { alias = change.Alias, from = change.FromVersion, to = change.ToVersion, release = number, reason, actor }), now, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task AliasSetAuditedAsync(
        SqliteConnection connection, SqliteTransaction transaction, FunctionAlias alias, int? previous, string reason, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var routing = alias.Routing is { } r
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (+ version {r.AdditionalVersion} at {r.Weight * 100:0.##}%)")
            : "";
        await AppendAuditCoreAsync(connection, transaction, new AuditEntry(actor, AuditActions.AliasUpdate, $"{App}/{Environment} {alias.Function}:{alias.Name}",
            AuditActions.Succeeded, $"version {previous?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} → {alias.Version}{routing}"), now, cancellationToken)
            .ConfigureAwait(false);
        await EnqueueEventAsync(connection, transaction, Platform.Events.PlatformEventKinds.AliasMoved, alias.Function,
            alias.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), $"alias.moved:{App}/{Environment}/{alias.Function}/{alias.Name}/{Guid.NewGuid():N}",
            JsonSerializer.Serialize(new
            {
                alias = alias.Name,
                from = previous,
                to = alias.Version,
                additionalVersion = alias.Routing?.AdditionalVersion,
                additionalWeight = alias.Routing?.Weight,
                reason,
                actor,
            }), now, cancellationToken).ConfigureAwait(false);
    }

    private async Task AppendAuditCoreAsync(SqliteConnection connection, SqliteTransaction transaction, AuditEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = SqliteValues.Command(connection, transaction,
            """
            INSERT INTO audit (at, actor, action, app, environment, target, result, detail, source)
            VALUES ($at, $actor, $action, $app, $env, $target, $result, $detail, $source)
            """,
            ("$at", SqliteValues.Time(now)), ("$actor", entry.Actor), ("$action", entry.Action), ("$app", App), ("$env", Environment),
            ("$target", entry.Target), ("$result", entry.Result), ("$detail", entry.Detail), ("$source", entry.Source));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

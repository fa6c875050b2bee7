using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

public sealed partial class DeploymentStore
{
    private async Task<PublishResult> PublishCoreAsync(
        SqliteConnection connection, SqliteTransaction transaction, string function, string artifactHash, string configHash,
        string configJson, string? description, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(artifactHash);
        ArgumentException.ThrowIfNullOrEmpty(configHash);
        ArgumentNullException.ThrowIfNull(configJson);
        var functionId = await EnsureFunctionAsync(connection, transaction, function, now, cancellationToken).ConfigureAwait(false);

        FunctionVersion? latest = null;
        await using (var command = SqliteValues.Command(connection, transaction,
            $"SELECT {DeploymentStateReader.VersionColumns} FROM versions v JOIN functions f ON f.id = v.function_id WHERE v.function_id = $f ORDER BY v.number DESC LIMIT 1",
            ("$f", functionId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                latest = DeploymentStateReader.ReadVersion(reader);
            }
        }

        if (latest is not null && latest.ArtifactHash == artifactHash && latest.ConfigHash == configHash)
        {
            return new PublishResult(latest, Created: false);
        }

        var version = new FunctionVersion(function, (latest?.Number ?? 0) + 1, artifactHash, configHash, configJson, now, description);
        await using (var insert = SqliteValues.Command(connection, transaction,
            """
            INSERT INTO versions (function_id, number, artifact_hash, config_hash, config_json, description, created_at)
            VALUES ($f, $n, $artifact, $config, $json, $description, $at)
            """,
            ("$f", functionId), ("$n", version.Number), ("$artifact", artifactHash), ("$config", configHash),
            ("$json", configJson), ("$description", description), ("$at", SqliteValues.Time(now))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await RecordAsync(connection, transaction, functionId, null, latest?.Number, version.Number, null, ReleaseReasons.Publish, now, cancellationToken)
            .ConfigureAwait(false);
        return new PublishResult(version, Created: true);
    }

    private static async Task<(FunctionAlias Alias, int? Previous, bool Moved)> SetAliasCoreAsync(
        SqliteConnection connection, SqliteTransaction transaction, long functionId, string function, string alias, int version,
        AliasRouting? routing, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        await EnsureVersionAsync(connection, transaction, functionId, function, version, cancellationToken).ConfigureAwait(false);
        if (routing is not null)
        {
            if (routing.Weight is not (> 0 and < 1) || double.IsNaN(routing.Weight))
            {
                throw new DeploymentException($"The additional version's weight must be between 0 and 1 (exclusive), not {routing.Weight}.");
            }

            if (routing.AdditionalVersion == version)
            {
                throw new DeploymentException($"The additional version must differ from the alias's version ({version}).");
            }

            await EnsureVersionAsync(connection, transaction, functionId, function, routing.AdditionalVersion, cancellationToken).ConfigureAwait(false);
        }

        FunctionAlias? existing = null;
        await using (var command = SqliteValues.Command(connection, transaction,
            $"SELECT {DeploymentStateReader.AliasColumns} FROM aliases a JOIN functions f ON f.id = a.function_id WHERE a.function_id = $f AND a.name = $name",
            ("$f", functionId), ("$name", alias)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                existing = DeploymentStateReader.ReadAlias(reader);
            }
        }

        if (existing is not null && existing.Version == version && existing.Routing == routing)
        {
            return (existing, existing.Version, false);
        }

        await using (var upsert = SqliteValues.Command(connection, transaction,
            """
            INSERT INTO aliases (function_id, name, version, additional_version, additional_weight, updated_at)
            VALUES ($f, $name, $v, $av, $aw, $at)
            ON CONFLICT (function_id, name) DO UPDATE SET
                version = excluded.version, additional_version = excluded.additional_version,
                additional_weight = excluded.additional_weight, updated_at = excluded.updated_at
            """,
            ("$f", functionId), ("$name", alias), ("$v", version), ("$av", routing?.AdditionalVersion),
            ("$aw", routing?.Weight), ("$at", SqliteValues.Time(now))))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await RecordAsync(connection, transaction, functionId, alias, existing?.Version, version, routing, reason, now, cancellationToken).ConfigureAwait(false);
        return (new FunctionAlias(function, alias, version, routing, now), existing?.Version, true);
    }

    private static async Task EnsureVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, long functionId, string function, int version, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            "SELECT 1 FROM versions WHERE function_id = $f AND number = $n", ("$f", functionId), ("$n", version));
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new DeploymentException($"Function '{function}' has no version {version}.");
        }
    }

    private static async Task RecordAsync(
        SqliteConnection connection, SqliteTransaction transaction, long functionId, string? alias, int? from, int to,
        AliasRouting? routing, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            """
            INSERT INTO releases (function_id, alias, from_version, to_version, additional_version, additional_weight, reason, at)
            VALUES ($f, $alias, $from, $to, $av, $aw, $reason, $at)
            """,
            ("$f", functionId), ("$alias", alias), ("$from", from), ("$to", to), ("$av", routing?.AdditionalVersion),
            ("$aw", routing?.Weight), ("$reason", reason), ("$at", SqliteValues.Time(now)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<long?> FindFunctionAsync(SqliteConnection connection, SqliteTransaction? transaction, string function, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            "SELECT id FROM functions WHERE environment_id = $env AND name = $name", ("$env", _environmentId), ("$name", function));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id ? id : null;
    }

    private async Task<long> EnsureFunctionAsync(
        SqliteConnection connection, SqliteTransaction transaction, string function, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await FindFunctionAsync(connection, transaction, function, cancellationToken).ConfigureAwait(false) is { } id)
        {
            return id;
        }

        await using var insert = SqliteValues.Command(connection, transaction,
            "INSERT INTO functions (environment_id, name, created_at) VALUES ($env, $name, $at) RETURNING id",
            ("$env", _environmentId), ("$name", function), ("$at", SqliteValues.Time(now)));
        return (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<long> EnsureEnvironmentAsync(SqliteConnection connection, string app, string environment, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, null,
            """
            INSERT INTO apps (name) VALUES ($app) ON CONFLICT (name) DO NOTHING;
            INSERT INTO environments (app_id, name) SELECT id, $env FROM apps WHERE name = $app ON CONFLICT (app_id, name) DO NOTHING;
            SELECT e.id FROM environments e JOIN apps a ON a.id = e.app_id WHERE a.name = $app AND e.name = $env;
            """,
            ("$app", app), ("$env", environment));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}

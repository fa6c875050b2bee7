using System.Text.Json;
using Fathom.Deployments.Releases;
using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

public sealed partial class DeploymentStore
{
    /// <summary>The environment's releases, newest first, each with every function's row.</summary>
    /// <param name="before">Only releases numbered below this (the cursor of the page before); null from the newest.</param>
    /// <param name="limit">At most this many.</param>
    public async Task<IReadOnlyList<EnvironmentRelease>> ListReleasesAsync(int? before = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        var numbers = new List<int>();
        await using (var command = SqliteValues.Command(connection, null,
            "SELECT number FROM release_history WHERE environment_id = $env AND ($before IS NULL OR number < $before) ORDER BY number DESC LIMIT $limit",
            ("$env", _environmentId), ("$before", before), ("$limit", limit)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                numbers.Add(reader.GetInt32(0));
            }
        }

        var releases = new List<EnvironmentRelease>(numbers.Count);
        foreach (var number in numbers)
        {
            releases.Add((await ReadReleaseAsync(connection, null, number, cancellationToken).ConfigureAwait(false))!.Release);
        }

        return releases;
    }

    /// <summary>One release, or null when the environment has none with that number.</summary>
    public async Task<EnvironmentRelease?> GetReleaseAsync(int number, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        return (await ReadReleaseAsync(connection, null, number, cancellationToken).ConfigureAwait(false))?.Release;
    }

    /// <summary>The number of the live release (0 before the first).</summary>
    public async Task<int> LiveReleaseNumberAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        return (await ReadLiveAsync(connection, null, cancellationToken).ConfigureAwait(false)).Number;
    }

    /// <summary>The environment's audit rows, newest first.</summary>
    /// <param name="before">Only rows with an id below this (the cursor of the page before); null from the newest.</param>
    /// <param name="limit">At most this many.</param>
    public async Task<IReadOnlyList<AuditRecord>> ListAuditAsync(long? before = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = SqliteValues.Command(connection, null,
            """
            SELECT id, at, actor, action, app, environment, target, result, detail, source FROM audit
            WHERE app = $app AND environment = $env AND ($before IS NULL OR id < $before) ORDER BY id DESC LIMIT $limit
            """,
            ("$app", App), ("$env", Environment), ("$before", before), ("$limit", limit));
        return await ReadAllAsync(command, reader => new AuditRecord(
            reader.GetInt64(0), SqliteValues.ReadTime(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetString(5), reader.GetString(6), reader.GetString(7), SqliteValues.ReadString(reader, 8), SqliteValues.ReadString(reader, 9)), cancellationToken).ConfigureAwait(false);
    }

    private async Task<LiveRelease> ReadLiveAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        int number;
        string? parameters, settings;
        await using (var command = SqliteValues.Command(connection, transaction,
            "SELECT number, parameters_json, settings_json FROM release_history WHERE environment_id = $env ORDER BY number DESC LIMIT 1",
            ("$env", _environmentId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new LiveRelease(0, new Dictionary<string, (string, int?)>(), null, null);
            }

            (number, parameters, settings) = (reader.GetInt32(0), SqliteValues.ReadString(reader, 1), SqliteValues.ReadString(reader, 2));
        }

        var functions = new Dictionary<string, (string Alias, int? Version)>(StringComparer.Ordinal);
        await using (var command = SqliteValues.Command(connection, transaction,
            "SELECT function, alias, to_version FROM release_functions WHERE environment_id = $env AND release_number = $n",
            ("$env", _environmentId), ("$n", number)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                functions[reader.GetString(0)] = (reader.GetString(1), SqliteValues.ReadInt(reader, 2));
            }
        }

        return new LiveRelease(number, functions, parameters, settings);
    }

    private async Task<StoredRelease?> ReadReleaseAsync(SqliteConnection connection, SqliteTransaction? transaction, int number, CancellationToken cancellationToken)
    {
        EnvironmentRelease release;
        string? settings;
        await using (var command = SqliteValues.Command(connection, transaction,
            """
            SELECT at, actor, reason, outcome, rollback_of, parameters_json, settings_json, settings_changes_json
            FROM release_history WHERE environment_id = $env AND number = $n
            """,
            ("$env", _environmentId), ("$n", number)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            settings = SqliteValues.ReadString(reader, 6);
            release = new EnvironmentRelease(
                number, SqliteValues.ReadTime(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), SqliteValues.ReadInt(reader, 4),
                SqliteValues.ReadString(reader, 5) is { } p ? JsonSerializer.Deserialize<Dictionary<string, string>>(p) : null,
                SqliteValues.ReadString(reader, 7) is { } s ? JsonSerializer.Deserialize<string[]>(s) ?? [] : [],
                []);
        }

        await using (var command = SqliteValues.Command(connection, transaction,
            """
            SELECT function, alias, from_version, to_version, created, changes_json FROM release_functions
            WHERE environment_id = $env AND release_number = $n ORDER BY function
            """,
            ("$env", _environmentId), ("$n", number)))
        {
            var functions = await ReadAllAsync(command, reader => new ReleaseChange(
                reader.GetString(0), reader.GetString(1), SqliteValues.ReadInt(reader, 2), SqliteValues.ReadInt(reader, 3), reader.GetInt64(4) != 0,
                JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? []), cancellationToken).ConfigureAwait(false);
            return new StoredRelease(release with { Functions = functions }, settings);
        }
    }

    private static async Task<FunctionVersion?> ReadVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, long functionId, int number, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            $"SELECT {DeploymentStateReader.VersionColumns} FROM versions v JOIN functions f ON f.id = v.function_id WHERE v.function_id = $f AND v.number = $n",
            ("$f", functionId), ("$n", number));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? DeploymentStateReader.ReadVersion(reader) : null;
    }

    private static async Task<IReadOnlyList<string>> DescribeMoveAsync(
        SqliteConnection connection, SqliteTransaction transaction, long functionId, int? previous, FunctionVersion version, CancellationToken cancellationToken)
    {
        if (previous is null)
        {
            return ["new function"];
        }

        if (previous == version.Number)
        {
            return [];
        }

        var before = await ReadVersionAsync(connection, transaction, functionId, previous.Value, cancellationToken).ConfigureAwait(false);
        return before is null ? [] : ConfigDiff.Versions(before.ArtifactHash, before.ConfigJson, version.ArtifactHash, version.ConfigJson);
    }

    private async Task<bool> IsFirstReleaseOfAsync(SqliteConnection connection, SqliteTransaction transaction, string function, int version, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            "SELECT max(to_version) FROM release_functions WHERE environment_id = $env AND function = $fn", ("$env", _environmentId), ("$fn", function));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long highest || version > highest;
    }

    private async Task<int?> RemoveAliasAsync(SqliteConnection connection, SqliteTransaction transaction, string function, string alias, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            """
            DELETE FROM aliases WHERE name = $alias AND function_id = (SELECT id FROM functions WHERE environment_id = $env AND name = $fn)
            RETURNING version
            """,
            ("$alias", alias), ("$env", _environmentId), ("$fn", function));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? (int)version : null;
    }

    private static async Task SetDefaultAliasCoreAsync(SqliteConnection connection, SqliteTransaction transaction, long functionId, string alias, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            "UPDATE functions SET default_alias = $alias WHERE id = $id", ("$alias", alias), ("$id", functionId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

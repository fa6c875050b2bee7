using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

public sealed partial class DeploymentStore
{
    /// <summary>The function's versions, oldest first (empty when it has none).</summary>
    public async Task<IReadOnlyList<FunctionVersion>> ListVersionsAsync(string function, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = SqliteValues.Command(connection, null,
            $"SELECT {DeploymentStateReader.VersionColumns} FROM versions v JOIN functions f ON f.id = v.function_id WHERE f.environment_id = $env AND f.name = $name ORDER BY v.number",
            ("$env", _environmentId), ("$name", function));
        return await ReadAllAsync(command, DeploymentStateReader.ReadVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The function's aliases, by name.</summary>
    public async Task<IReadOnlyList<FunctionAlias>> ListAliasesAsync(string function, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = SqliteValues.Command(connection, null,
            $"SELECT {DeploymentStateReader.AliasColumns} FROM aliases a JOIN functions f ON f.id = a.function_id WHERE f.environment_id = $env AND f.name = $name ORDER BY a.name",
            ("$env", _environmentId), ("$name", function));
        return await ReadAllAsync(command, DeploymentStateReader.ReadAlias, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The release history, newest first: every publish and alias move, for one function or (null) all of them.</summary>
    public async Task<IReadOnlyList<ReleaseRecord>> HistoryAsync(string? function = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = SqliteValues.Command(connection, null,
            """
            SELECT r.id, r.at, f.name, r.alias, r.from_version, r.to_version, r.reason, r.additional_version, r.additional_weight
            FROM releases r JOIN functions f ON f.id = r.function_id
            WHERE f.environment_id = $env AND ($name IS NULL OR f.name = $name)
            ORDER BY r.id DESC LIMIT $limit
            """,
            ("$env", _environmentId), ("$name", function), ("$limit", limit));
        return await ReadAllAsync(command, reader => new ReleaseRecord(
            reader.GetInt64(0), SqliteValues.ReadTime(reader, 1), reader.GetString(2), SqliteValues.ReadString(reader, 3),
            SqliteValues.ReadInt(reader, 4), reader.GetInt32(5), reader.GetString(6), SqliteValues.ReadRouting(reader, 7, 8)), cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(read(reader));
        }

        return items;
    }
}

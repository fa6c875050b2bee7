using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

/// <summary>Loads one environment's versions and aliases from the database into a <see cref="DeploymentState"/>.</summary>
internal static class DeploymentStateReader
{
    public const string VersionColumns = "f.name, v.number, v.artifact_hash, v.config_hash, v.config_json, v.created_at, v.description";
    public const string AliasColumns = "f.name, a.name, a.version, a.additional_version, a.additional_weight, a.updated_at";

    public static async Task<DeploymentState> ReadAsync(
        SqliteConnection connection, long environmentId, long generation, Func<double> nextDouble, CancellationToken cancellationToken)
    {
        var functions = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using (var command = SqliteValues.Command(connection, null,
            "SELECT name, default_alias FROM functions WHERE environment_id = $env", ("$env", environmentId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                functions[reader.GetString(0)] = SqliteValues.ReadString(reader, 1);
            }
        }

        var versions = functions.Keys.ToDictionary(k => k, _ => new List<FunctionVersion>(), StringComparer.Ordinal);
        await using (var command = SqliteValues.Command(connection, null,
            $"SELECT {VersionColumns} FROM versions v JOIN functions f ON f.id = v.function_id WHERE f.environment_id = $env ORDER BY f.name, v.number",
            ("$env", environmentId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var version = ReadVersion(reader);
                versions[version.Function].Add(version);
            }
        }

        var aliases = functions.Keys.ToDictionary(k => k, _ => new List<FunctionAlias>(), StringComparer.Ordinal);
        await using (var command = SqliteValues.Command(connection, null,
            $"SELECT {AliasColumns} FROM aliases a JOIN functions f ON f.id = a.function_id WHERE f.environment_id = $env",
            ("$env", environmentId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var alias = ReadAlias(reader);
                aliases[alias.Function].Add(alias);
            }
        }

        return new DeploymentState(
            generation,
            functions.Select(f => new FunctionDeployment(f.Key, f.Value, versions[f.Key], aliases[f.Key])),
            nextDouble);
    }

    public static FunctionVersion ReadVersion(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        SqliteValues.ReadTime(reader, 5), SqliteValues.ReadString(reader, 6));

    public static FunctionAlias ReadAlias(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetInt32(2), SqliteValues.ReadRouting(reader, 3, 4), SqliteValues.ReadTime(reader, 5));
}

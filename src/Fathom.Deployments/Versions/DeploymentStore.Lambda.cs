using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

// What Lambda's management API changes beyond versions and aliases: reserved concurrency set by hand (it overrides the
// template's until removed), alias descriptions, and deleting an alias.
public sealed partial class DeploymentStore
{
    /// <summary>The reserved concurrency set through the Lambda API for a function, or null when none is (the template's
    /// value, if any, applies).</summary>
    public async Task<int?> GetReservedConcurrencyAsync(string function, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = SqliteValues.Command(connection, null,
            "SELECT c.reserved FROM function_concurrency c JOIN functions f ON f.id = c.function_id WHERE f.environment_id = $env AND f.name = $name",
            ("$env", _environmentId), ("$name", function));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long reserved ? (int)reserved : null;
    }

    /// <summary>Every function's reserved concurrency set through the Lambda API, by function name; a host applies these
    /// to the runtime when it starts.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ListReservedConcurrencyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = SqliteValues.Command(connection, null,
            "SELECT f.name, c.reserved FROM function_concurrency c JOIN functions f ON f.id = c.function_id WHERE f.environment_id = $env",
            ("$env", _environmentId));
        var items = await ReadAllAsync(command, reader => (reader.GetString(0), reader.GetInt32(1)), cancellationToken).ConfigureAwait(false);
        return items.ToDictionary(i => i.Item1, i => i.Item2, StringComparer.Ordinal);
    }

    /// <summary>Keeps (a number) or removes (null) a function's reserved concurrency.</summary>
    /// <exception cref="DeploymentException">The function does not exist in this environment.</exception>
    public Task SetReservedConcurrencyAsync(string function, int? reserved, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        ArgumentOutOfRangeException.ThrowIfNegative(reserved ?? 0);
        return WriteAsync(async (connection, transaction, now) =>
        {
            var functionId = await RequireFunctionAsync(connection, transaction, function, cancellationToken).ConfigureAwait(false);
            await using var command = reserved is { } value
                ? SqliteValues.Command(connection, transaction,
                    """
                    INSERT INTO function_concurrency (function_id, reserved, updated_at) VALUES ($f, $r, $at)
                    ON CONFLICT (function_id) DO UPDATE SET reserved = excluded.reserved, updated_at = excluded.updated_at
                    """,
                    ("$f", functionId), ("$r", value), ("$at", SqliteValues.Time(now)))
                : SqliteValues.Command(connection, transaction, "DELETE FROM function_concurrency WHERE function_id = $f", ("$f", functionId));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>The descriptions of a function's aliases (Lambda's alias <c>Description</c>), by alias name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AliasDescriptionsAsync(string function, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = SqliteValues.Command(connection, null,
            "SELECT d.name, d.description FROM alias_descriptions d JOIN functions f ON f.id = d.function_id WHERE f.environment_id = $env AND f.name = $name",
            ("$env", _environmentId), ("$name", function));
        var items = await ReadAllAsync(command, reader => (reader.GetString(0), reader.GetString(1)), cancellationToken).ConfigureAwait(false);
        return items.ToDictionary(i => i.Item1, i => i.Item2, StringComparer.Ordinal);
    }

    /// <summary>Sets (or, empty or null, clears) an alias's description.</summary>
    /// <exception cref="DeploymentException">The function does not exist in this environment.</exception>
    public Task SetAliasDescriptionAsync(string function, string alias, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return WriteAsync(async (connection, transaction, _) =>
        {
            var functionId = await RequireFunctionAsync(connection, transaction, function, cancellationToken).ConfigureAwait(false);
            await using var command = string.IsNullOrEmpty(description)
                ? SqliteValues.Command(connection, transaction,
                    "DELETE FROM alias_descriptions WHERE function_id = $f AND name = $name", ("$f", functionId), ("$name", alias))
                : SqliteValues.Command(connection, transaction,
                    """
                    INSERT INTO alias_descriptions (function_id, name, description) VALUES ($f, $name, $d)
                    ON CONFLICT (function_id, name) DO UPDATE SET description = excluded.description
                    """,
                    ("$f", functionId), ("$name", alias), ("$d", description));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Deletes an alias (and its description). Unqualified calls whose default alias this was resolve to the
    /// newest version until the alias exists again.</summary>
    /// <returns>False when the alias did not exist.</returns>
    public Task<bool> DeleteAliasAsync(string function, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return WriteAsync(async (connection, transaction, _) =>
        {
            if (await FindFunctionAsync(connection, transaction, function, cancellationToken).ConfigureAwait(false) is not { } functionId)
            {
                return false;
            }

            await using var command = SqliteValues.Command(connection, transaction,
                """
                DELETE FROM alias_descriptions WHERE function_id = $f AND name = $name;
                DELETE FROM aliases WHERE function_id = $f AND name = $name;
                """,
                ("$f", functionId), ("$name", alias));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);
    }

    private async Task<long> RequireFunctionAsync(SqliteConnection connection, SqliteTransaction transaction, string function, CancellationToken cancellationToken) =>
        await FindFunctionAsync(connection, transaction, function, cancellationToken).ConfigureAwait(false)
            ?? throw new DeploymentException($"Function '{function}' has no versions in {App}/{Environment}.");
}

using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Fathom.Server.Access.Store;

/// <summary>The SQL helpers of <see cref="AccessStore"/>; every caller holds the store's lock.</summary>
public sealed partial class AccessStore
{
    private void Insert(SqliteTransaction transaction, string table, string secretColumn, string id, CredentialRequest request, byte[] secret, DateTimeOffset now)
    {
        using var insert = Command(
            $"INSERT INTO {table} (id, name, role, app, environment, {secretColumn}, created, expires) VALUES ($id, $name, $role, $app, $env, $secret, $created, $expires)",
            transaction, ("$id", id), ("$name", request.Name), ("$role", AccessRoles.Name(request.Role)), ("$app", request.App), ("$env", request.Environment),
            ("$secret", secret), ("$created", Time(now)), ("$expires", request.Expires is { } e ? Time(e) : null));
        insert.ExecuteNonQuery();
    }

    private void Audit(SqliteTransaction transaction, DateTimeOffset now, string actor, string? source, string action, string target, string? detail)
    {
        using var insert = Command("INSERT INTO audit (at, actor, source, action, target, detail) VALUES ($at, $actor, $source, $action, $target, $detail)",
            transaction, ("$at", Time(now)), ("$actor", actor), ("$source", source), ("$action", action), ("$target", target), ("$detail", detail));
        insert.ExecuteNonQuery();
    }

    private void TouchLastUsed(string table, string id, DateTimeOffset now)
    {
        if (_lastUsedWritten.TryGetValue(id, out var written) && now - written < LastUsedResolution)
        {
            return;
        }

        _lastUsedWritten[id] = now;
        using var update = Command($"UPDATE {table} SET last_used = $now WHERE id = $id", null, ("$now", Time(now)), ("$id", id));
        update.ExecuteNonQuery();
    }

    private static IssuedCredential Credential(string id, string kind, CredentialRequest request, DateTimeOffset now) =>
        new(id, kind, request.Name, request.Role, request.App, request.Environment, now, request.Expires, null, null);

    private static IssuedCredential Read(SqliteDataReader reader, string kind) => new(
        reader.GetString(0), kind, reader.GetString(1), AccessRoles.Parse(reader.GetString(2)) ?? AccessRole.Read,
        NullableString(reader, 3), NullableString(reader, 4), ParseTime(reader.GetString(5)),
        NullableTime(reader, 6), NullableTime(reader, 7), NullableTime(reader, 8));

    private static string Table(string kind) => kind == IssuedCredential.Aws ? "aws_keys" : "tokens";

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ParseTime(reader.GetString(ordinal));
}

using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

/// <summary>How the store writes and reads times and optional values.</summary>
internal static class SqliteValues
{
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static int? ReadInt(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static string? ReadString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static AliasRouting? ReadRouting(SqliteDataReader reader, int versionOrdinal, int weightOrdinal) =>
        reader.IsDBNull(versionOrdinal) || reader.IsDBNull(weightOrdinal)
            ? null
            : new AliasRouting(reader.GetInt32(versionOrdinal), reader.GetDouble(weightOrdinal));

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}

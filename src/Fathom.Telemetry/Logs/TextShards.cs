using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// The full-text index is split into append-only shards by sequence range (<c>text_shards</c>, one contentless FTS5
/// table each). Retention deletes rows from <c>lines</c> only (a join drops deleted rows from results) and drops a
/// shard whole once every row it covers is gone: deleting from an FTS5 index row by row cost up to a second per
/// 2,000 rows at 300k rows, and gave its pages back only when a later merge rewrote the oldest, largest segment.
/// </summary>
internal static class TextShards
{
    public static string TableName(long id) => "lines_text_" + id.ToString(CultureInfo.InvariantCulture);

    public static string CreateSql(long id) =>
        $"CREATE VIRTUAL TABLE {TableName(id)} USING fts5 (message, fields, request, content = '', columnsize = 0)";

    /// <summary>Every shard, oldest first.</summary>
    public static List<TextShard> Read(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, first_seq, first_time FROM text_shards ORDER BY first_seq";
        using var reader = command.ExecuteReader();
        var shards = new List<TextShard>();
        while (reader.Read())
        {
            shards.Add(new TextShard(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return shards;
    }
}

using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Fathom.Platform.Storage;

/// <summary>The one migration rule of every store (DESIGN.md "Data"): <c>PRAGMA user_version</c> records the
/// schema; a database a newer Fathom wrote is refused with a message, never read wrongly; a new one gets the first schema.</summary>
public static class StoreSchema
{
    /// <param name="store">The store's name as a person reads it (<c>logs</c>, <c>metrics</c>).</param>
    /// <param name="version">The schema this build knows.</param>
    /// <param name="create">The first schema's script; it sets <c>user_version</c> itself.</param>
    public static void Ensure(SqliteConnection connection, string store, int version, string create)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(check.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > version)
        {
            throw new InvalidOperationException(
                $"The {store} database was written by a newer Fathom (schema {current}, this one knows {version}); upgrade Fathom.");
        }

        if (current < 1)
        {
            using var command = connection.CreateCommand();
            command.CommandText = create;
            command.ExecuteNonQuery();
        }
    }
}

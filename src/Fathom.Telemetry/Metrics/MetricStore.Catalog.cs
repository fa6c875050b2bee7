using System.Text.Json;

namespace Fathom.Telemetry.Metrics;

public sealed partial class MetricStore
{
    /// <summary>Every metric recorded (for one function, app or environment when given): built-in, route and EMF, with the
    /// versions, aliases, sources and routes it was seen under.</summary>
    public IReadOnlyList<MetricCatalogEntry> Catalog(string? app = null, string? environment = null, string? function = null)
    {
        using var connection = OpenReader();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT kind, app, environment, function, namespace, metric, dimensions, unit,
                   group_concat(DISTINCT version), group_concat(DISTINCT qualifier), group_concat(DISTINCT source), group_concat(DISTINCT route)
            FROM series
            WHERE ($app IS NULL OR app = $app) AND ($env IS NULL OR environment = $env) AND ($function IS NULL OR function = $function)
            GROUP BY kind, app, environment, function, namespace, metric, dimensions, unit
            ORDER BY app, environment, function, kind, namespace, metric, dimensions
            """;
        select.Parameters.AddWithValue("$app", (object?)app ?? DBNull.Value);
        select.Parameters.AddWithValue("$env", (object?)environment ?? DBNull.Value);
        select.Parameters.AddWithValue("$function", (object?)function ?? DBNull.Value);
        var entries = new List<MetricCatalogEntry>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new MetricCatalogEntry(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4) is { Length: > 0 } ns ? ns : null,
                reader.GetString(5),
                reader.GetString(6) is { Length: > 0 } dims ? JsonSerializer.Deserialize<Dictionary<string, string>>(dims) : null,
                reader.GetString(7),
                List(reader, 8), List(reader, 9), List(reader, 10), List(reader, 11)));
        }

        return entries;
    }

    private static string[] List(Microsoft.Data.Sqlite.SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : [.. reader.GetString(ordinal).Split(',').Where(s => s.Length > 0).Order(StringComparer.Ordinal)];
}

/// <summary>One metric that exists in the store.</summary>
public sealed record MetricCatalogEntry(
    string Kind, string App, string Environment, string Function, string? Namespace, string Metric,
    IReadOnlyDictionary<string, string>? Dimensions, string Unit,
    IReadOnlyList<string> Versions, IReadOnlyList<string> Aliases, IReadOnlyList<string> Sources, IReadOnlyList<string> Routes);

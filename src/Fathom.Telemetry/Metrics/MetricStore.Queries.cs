using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Metrics;

public sealed partial class MetricStore
{
    /// <summary>Reads the series a query selects, one point per period. Percentiles at the stored resolution of a single
    /// series come from the precomputed columns; anything wider merges the points' histograms.</summary>
    /// <exception cref="ArgumentException">The period is not a whole number of seconds or the range holds too many points.</exception>
    public MetricQueryResult Query(MetricQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var period = (long)query.Period.TotalSeconds;
        if (period < 1 || query.Period.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException("The period must be a whole number of seconds.", nameof(query));
        }

        var start = Math.DivRem(query.Start.ToUnixTimeSeconds(), period).Quotient * period;
        var end = query.End.ToUnixTimeSeconds();
        if ((end - start) / period > MetricQuery.MaxPoints)
        {
            throw new ArgumentException($"The range holds more than {MetricQuery.MaxPoints} periods; choose a longer period.", nameof(query));
        }

        var resolution = period % 3600 == 0 ? 3600 : period % 60 == 0 ? 60 : 1;
        var stats = new List<MetricStat>();
        foreach (var text in query.Stats)
        {
            stats.Add(MetricStat.TryParse(text, out var stat) ? stat : throw new ArgumentException($"'{text}' is not a statistic.", nameof(query)));
        }

        using var connection = OpenReader();
        var groups = SelectSeries(connection, query);
        var results = new List<MetricSeriesResult>();
        foreach (var group in groups)
        {
            var groupStats = stats.Count > 0 ? stats : [DefaultStat(group.Key)];
            var fast = group.Ids.Count == 1 && period == resolution;
            var needHistogram = groupStats.Any(s => s.Percentile is not null && (!fast || s.StoredColumn is null || query.IncludeTotal));
            var rows = ReadRows(connection, MetricSchema.Table(resolution), group.Ids, start, end, needHistogram);
            foreach (var stat in groupStats)
            {
                results.Add(Series(group.Key, stat, rows, fast, start, period, query.IncludeTotal));
            }
        }

        return new MetricQueryResult(
            DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(end), query.Period, TimeSpan.FromSeconds(resolution), results);
    }

    private static MetricSeriesResult Series(GroupKey key, MetricStat stat, List<Row> rows, bool fast, long start, long period, bool includeTotal)
    {
        var points = new List<MetricPoint>();
        if (fast)
        {
            foreach (var row in rows)
            {
                var value = stat.StoredColumn is { } column ? row.Stored(column) : stat.Of(row.Accumulate(new PointAccumulator()));
                if (value is { } v)
                {
                    points.Add(new MetricPoint(DateTimeOffset.FromUnixTimeSeconds(row.Time), v));
                }
            }
        }
        else
        {
            var buckets = new SortedDictionary<long, PointAccumulator>();
            foreach (var row in rows)
            {
                var bucket = start + ((row.Time - start) / period * period);
                if (!buckets.TryGetValue(bucket, out var point))
                {
                    buckets[bucket] = point = new PointAccumulator();
                }

                row.Accumulate(point);
            }

            foreach (var (time, point) in buckets)
            {
                if (stat.Of(point) is { } v)
                {
                    points.Add(new MetricPoint(DateTimeOffset.FromUnixTimeSeconds(time), v));
                }
            }
        }

        double? total = null;
        if (includeTotal)
        {
            var all = new PointAccumulator();
            foreach (var row in rows)
            {
                row.Accumulate(all);
            }

            total = stat.Of(all);
        }

        var dimensions = key.Dimensions.Length > 0 ? JsonSerializer.Deserialize<Dictionary<string, string>>(key.Dimensions) : null;
        return new MetricSeriesResult(
            key.Kind, key.Metric, key.Namespace.Length > 0 ? key.Namespace : null, dimensions, key.Route.Length > 0 ? key.Route : null,
            key.Unit, stat.Name, points, total);
    }

    private static MetricStat DefaultStat(GroupKey key)
    {
        if (MetricNames.Find(key.Metric) is { } builtIn && key.Kind != MetricNames.EmfKind)
        {
            MetricStat.TryParse(builtIn.DefaultStat, out var stat);
            return stat;
        }

        return new MetricStat(key.Unit == MetricUnits.Count ? "sum" : "avg", null);
    }

    private static List<Row> ReadRows(SqliteConnection connection, string table, List<long> ids, long start, long end, bool histogram)
    {
        var rows = new List<Row>();
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT t, count, sum, min, max, p50, p90, p99{(histogram ? ", hist" : "")} FROM {table} WHERE series = $s AND t >= $a AND t < $b ORDER BY t";
        var series = read.Parameters.Add("$s", SqliteType.Integer);
        read.Parameters.AddWithValue("$a", start);
        read.Parameters.AddWithValue("$b", end);
        foreach (var id in ids)
        {
            series.Value = id;
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new Row(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4),
                    histogram && !reader.IsDBNull(8) ? (byte[])reader[8] : null, Nullable(reader, 5), Nullable(reader, 6), Nullable(reader, 7)));
            }
        }

        return rows;
    }

    private static double? Nullable(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static List<(GroupKey Key, List<long> Ids)> SelectSeries(SqliteConnection connection, MetricQuery query)
    {
        using var select = connection.CreateCommand();
        var sql = "SELECT id, kind, metric, namespace, route, dimensions, unit, qualifier, source FROM series WHERE 1 = 1";
        void Filter(string column, string? value)
        {
            if (value is not null)
            {
                sql += $" AND {column} = ${column}";
                select.Parameters.AddWithValue("$" + column, value);
            }
        }

        Filter("app", query.App);
        Filter("environment", query.Environment);
        Filter("function", query.Function);
        Filter("version", query.Version);
        Filter("route", query.Route);
        var builtIn = query.Metric is null ? null : MetricNames.Find(query.Metric);
        Filter("metric", builtIn?.Name ?? query.Metric);
        Filter("namespace", builtIn is null ? query.Namespace : null);
        select.CommandText = sql + " ORDER BY id";
        var groups = new Dictionary<GroupKey, List<long>>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var key = new GroupKey(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6));
            var perVersion = key.Metric == MetricNames.ConcurrentExecutions && key.Kind == MetricNames.FunctionKind;
            var wanted = query.Metric is null ? key.Kind == MetricNames.FunctionKind
                : builtIn is not null ? key.Kind != MetricNames.EmfKind
                : key.Kind == MetricNames.EmfKind;
            if (!wanted
                || (!perVersion && query.Alias is not null && reader.GetString(7) != query.Alias)
                || (!perVersion && !SourceMatches(query.Source, reader.GetString(8))))
            {
                continue;
            }

            if (!groups.TryGetValue(key, out var ids))
            {
                groups[key] = ids = [];
            }

            ids.Add(reader.GetInt64(0));
        }

        return [.. groups.Select(pair => (pair.Key, pair.Value))
            .OrderBy(g => MetricNames.BuiltIn.ToList().FindIndex(m => m.Name == g.Key.Metric) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(g => g.Key.Namespace, StringComparer.Ordinal).ThenBy(g => g.Key.Metric, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Route, StringComparer.Ordinal).ThenBy(g => g.Key.Dimensions, StringComparer.Ordinal)];
    }

    private static bool SourceMatches(string? wanted, string source) => wanted switch
    {
        null => source != "uptime",
        "*" => true,
        _ => source == wanted,
    };

    private readonly record struct GroupKey(string Kind, string Metric, string Namespace, string Route, string Dimensions, string Unit);

    /// <summary>A stored point as read. Its histogram stays encoded until a statistic needs it, and is then decoded
    /// once and added straight into the accumulators (the period's, the total's): a merge of 1,440 minutes allocates
    /// 1,440 decoded histograms, not three times as many.</summary>
    private sealed record Row(long Time, long Count, double Sum, double Min, double Max, byte[]? Encoded, double? P50, double? P90, double? P99)
    {
        private HdrHistogram.HistogramBase? _decoded;

        public double? Stored(int column) => column switch { 6 => P50, 7 => P90, _ => P99 };

        public PointAccumulator Accumulate(PointAccumulator into)
        {
            if (Encoded is not null && _decoded is null)
            {
                _decoded = DurationHistogram.Decode(Encoded);
            }

            into.Merge(Count, Sum, Min, Max, _decoded);
            return into;
        }
    }
}

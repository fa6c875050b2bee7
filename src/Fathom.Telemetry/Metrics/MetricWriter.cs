using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Metrics;

/// <summary>The store's one writer. Each batch of closed seconds is written in one transaction together with the minute
/// and hour points it rolls into, so whatever was acknowledged is in all three resolutions at once and a kill -9 never
/// leaves a closed minute missing. The open minutes and hours are kept in memory (and reloaded from their rows after a
/// restart) so rolling up never re-reads seconds.</summary>
internal sealed class MetricWriter : IDisposable
{
    private const string Columns = "(series, t, count, sum, min, max, p50, p90, p99, hist) VALUES ($series, $t, $count, $sum, $min, $max, $p50, $p90, $p99, $hist)";

    private readonly SqliteConnection _connection;
    private readonly Dictionary<SeriesKey, long> _seriesIds = [];
    private readonly Dictionary<(long Series, int Resolution, long Time), PointAccumulator> _open = [];

    public MetricWriter(SqliteConnection connection) => _connection = connection;

    /// <summary>Points written since the store opened (seconds, before rollup).</summary>
    public long PointsWritten { get; private set; }

    public void Write(IReadOnlyList<FlushedPoint> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        try
        {
            WriteBatch(points);
        }
        catch
        {
            // The transaction rolled back: forget ids and open points it may have added, so the next batch re-reads them.
            _seriesIds.Clear();
            _open.Clear();
            throw;
        }
    }

    private void WriteBatch(IReadOnlyList<FlushedPoint> points)
    {
        using var transaction = _connection.BeginTransaction();
        using var second = Command(transaction, $"""
            INSERT INTO points_1s {Columns}
            ON CONFLICT (series, t) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum,
                min = min(min, excluded.min), max = max(max, excluded.max), p50 = excluded.p50, p90 = excluded.p90,
                p99 = excluded.p99, hist = excluded.hist
            """);
        using var minute = Command(transaction, $"INSERT OR REPLACE INTO points_1m {Columns}");
        using var hour = Command(transaction, $"INSERT OR REPLACE INTO points_1h {Columns}");
        var touched = new HashSet<(long Series, int Resolution, long Time)>();
        var latest = long.MinValue;
        foreach (var point in points)
        {
            var id = SeriesId(point.Key, transaction);
            double? before = null;
            double after = 0;
            if (point.Fix != ConcurrencyFix.None)
            {
                (before, after) = Raise(transaction, id, point);
            }
            else
            {
                Bind(second, id, point.Second, point.Point);
                second.ExecuteNonQuery();
            }

            foreach (var resolution in (ReadOnlySpan<int>)[60, 3600])
            {
                var key = (id, resolution, point.Second - (point.Second % resolution));
                if (point.Fix != ConcurrencyFix.None)
                {
                    Open(key, transaction).RaiseSecond(before, after);
                }
                else
                {
                    Open(key, transaction).Merge(point.Point);
                }

                touched.Add(key);
            }

            latest = Math.Max(latest, point.Second);
        }

        foreach (var key in touched)
        {
            var command = key.Resolution == 60 ? minute : hour;
            Bind(command, key.Series, key.Time, _open[key]);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        PointsWritten += points.Count;

        // Closed minutes and hours are final in the store; only the open ones stay in memory.
        foreach (var key in _open.Keys.Where(k => k.Time + k.Resolution <= latest - 60).ToList())
        {
            _open.Remove(key);
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Corrects one written second's ConcurrentExecutions; returns what it read before (null: no point) and after.</summary>
    private (double? Before, double After) Raise(SqliteTransaction transaction, long series, FlushedPoint point)
    {
        using var read = _connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT max FROM points_1s WHERE series = $s AND t = $t";
        read.Parameters.AddWithValue("$s", series);
        read.Parameters.AddWithValue("$t", point.Second);
        var before = read.ExecuteScalar() is double stored ? stored : (double?)null;
        var after = point.Fix == ConcurrencyFix.AddOne ? (before ?? 0) + 1 : Math.Max(before ?? 0, point.Point.Max);
        using var write = _connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "INSERT OR REPLACE INTO points_1s (series, t, count, sum, min, max) VALUES ($s, $t, 1, $v, $v, $v)";
        write.Parameters.AddWithValue("$s", series);
        write.Parameters.AddWithValue("$t", point.Second);
        write.Parameters.AddWithValue("$v", after);
        write.ExecuteNonQuery();
        return (before, after);
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in (ReadOnlySpan<string>)["$series", "$t", "$count", "$sum", "$min", "$max", "$p50", "$p90", "$p99", "$hist"])
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, long series, long time, PointAccumulator point)
    {
        var p = command.Parameters;
        p[0].Value = series;
        p[1].Value = time;
        p[2].Value = point.Count;
        p[3].Value = point.Sum;
        p[4].Value = point.Min;
        p[5].Value = point.Max;
        p[6].Value = (object?)point.Percentile(50) ?? DBNull.Value;
        p[7].Value = (object?)point.Percentile(90) ?? DBNull.Value;
        p[8].Value = (object?)point.Percentile(99) ?? DBNull.Value;
        p[9].Value = point.Histogram is { TotalCount: > 0 } h ? DurationHistogram.Encode(h) : DBNull.Value;
    }

    private PointAccumulator Open((long Series, int Resolution, long Time) key, SqliteTransaction transaction)
    {
        if (_open.TryGetValue(key, out var point))
        {
            return point;
        }

        // After a restart the open minute and hour already have rows: carry on from them.
        point = new PointAccumulator();
        using var read = _connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT count, sum, min, max, hist FROM {MetricSchema.Table(key.Resolution)} WHERE series = $s AND t = $t";
        read.Parameters.AddWithValue("$s", key.Series);
        read.Parameters.AddWithValue("$t", key.Time);
        using (var reader = read.ExecuteReader())
        {
            if (reader.Read())
            {
                point.Merge(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.IsDBNull(4) ? null : (byte[])reader[4]);
            }
        }

        _open[key] = point;
        return point;
    }

    private long SeriesId(SeriesKey key, SqliteTransaction transaction)
    {
        if (_seriesIds.TryGetValue(key, out var id))
        {
            return id;
        }

        using var upsert = _connection.CreateCommand();
        upsert.Transaction = transaction;
        // The no-op update makes RETURNING answer for an existing row too.
        upsert.CommandText = """
            INSERT INTO series (kind, app, environment, function, version, qualifier, source, route, namespace, metric, dimensions, unit)
            VALUES ($kind, $app, $env, $function, $version, $qualifier, $source, $route, $namespace, $metric, $dimensions, $unit)
            ON CONFLICT DO UPDATE SET kind = excluded.kind
            RETURNING id
            """;
        upsert.Parameters.AddWithValue("$kind", key.Kind);
        upsert.Parameters.AddWithValue("$app", key.App);
        upsert.Parameters.AddWithValue("$env", key.Environment);
        upsert.Parameters.AddWithValue("$function", key.Function);
        upsert.Parameters.AddWithValue("$version", key.Version);
        upsert.Parameters.AddWithValue("$qualifier", key.Qualifier);
        upsert.Parameters.AddWithValue("$source", key.Source);
        upsert.Parameters.AddWithValue("$route", key.Route);
        upsert.Parameters.AddWithValue("$namespace", key.Namespace);
        upsert.Parameters.AddWithValue("$metric", key.Metric);
        upsert.Parameters.AddWithValue("$dimensions", key.Dimensions);
        upsert.Parameters.AddWithValue("$unit", key.Unit);
        id = (long)upsert.ExecuteScalar()!;
        _seriesIds[key] = id;
        return id;
    }

    /// <summary>Deletes one resolution's points older than <paramref name="before"/> (Unix seconds); returns how many.</summary>
    public int DeleteBefore(int resolution, long before)
    {
        using var delete = _connection.CreateCommand();
        // Per series through the primary key, instead of scanning the whole table.
        delete.CommandText = $"DELETE FROM {MetricSchema.Table(resolution)} WHERE series IN (SELECT id FROM series) AND t < $before";
        delete.Parameters.AddWithValue("$before", before);
        return delete.ExecuteNonQuery();
    }
}

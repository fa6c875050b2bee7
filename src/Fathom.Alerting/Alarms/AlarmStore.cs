using System.Text.Json;
using Fathom.Alerting.Storage;
using Microsoft.Data.Sqlite;

namespace Fathom.Alerting.Alarms;

/// <summary>Alarm states and history in <c>alerting.db</c>. Writes are rare (a transition), so one connection under a
/// lock serves reads and writes.</summary>
public sealed class AlarmStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private AlarmStore(SqliteConnection connection) => _connection = connection;

    public static AlarmStore Open(string dataDirectory) => new(AlertingDatabase.Open(dataDirectory));

    /// <summary>The alarm's state, created as INSUFFICIENT_DATA (CloudWatch's start) when first seen.</summary>
    public AlarmStatus GetOrCreate(string app, string environment, string name, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (Find(app, environment, name) is { } found)
            {
                return found;
            }

            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO alarm_states (app, environment, name, state, since, reason, seq) VALUES ($a, $e, $n, $s, $t, $r, 0)";
            insert.Parameters.AddWithValue("$a", app);
            insert.Parameters.AddWithValue("$e", environment);
            insert.Parameters.AddWithValue("$n", name);
            insert.Parameters.AddWithValue("$s", AlarmStates.InsufficientData);
            insert.Parameters.AddWithValue("$t", now.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$r", AlarmReason.Initial);
            insert.ExecuteNonQuery();
            return new AlarmStatus(app, environment, name, AlarmStates.InsufficientData, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), AlarmReason.Initial, 0);
        }
    }

    public AlarmStatus? Find(string app, string environment, string name)
    {
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT state, since, reason, seq FROM alarm_states WHERE app = $a AND environment = $e AND name = $n";
            select.Parameters.AddWithValue("$a", app);
            select.Parameters.AddWithValue("$e", environment);
            select.Parameters.AddWithValue("$n", name);
            using var reader = select.ExecuteReader();
            return reader.Read()
                ? new AlarmStatus(app, environment, name, reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetInt64(3))
                : null;
        }
    }

    /// <summary>Records a transition: the new state and its history row, in one transaction.</summary>
    public void Record(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            using (var update = _connection.CreateCommand())
            {
                update.Transaction = tx;
                update.CommandText = """
                    UPDATE alarm_states SET state = $s, since = $t, reason = $r, seq = $q WHERE app = $a AND environment = $e AND name = $n;
                    INSERT INTO alarm_history (app, environment, name, seq, time, old_state, new_state, reason, datapoints, function, version, payload)
                    VALUES ($a, $e, $n, $q, $t, $o, $s, $r, $d, $f, $v, $p);
                    """;
                update.Parameters.AddWithValue("$a", transition.App);
                update.Parameters.AddWithValue("$e", transition.Environment);
                update.Parameters.AddWithValue("$n", transition.Name);
                update.Parameters.AddWithValue("$q", transition.Seq);
                update.Parameters.AddWithValue("$t", transition.Time.ToUnixTimeMilliseconds());
                update.Parameters.AddWithValue("$o", transition.OldState);
                update.Parameters.AddWithValue("$s", transition.NewState);
                update.Parameters.AddWithValue("$r", transition.Reason);
                update.Parameters.AddWithValue("$d", JsonSerializer.Serialize(transition.Datapoints.Select(p => new[] { p.Time.ToUnixTimeSeconds(), p.Value })));
                update.Parameters.AddWithValue("$f", (object?)transition.Function ?? DBNull.Value);
                update.Parameters.AddWithValue("$v", (object?)transition.Version ?? DBNull.Value);
                update.Parameters.AddWithValue("$p", transition.Payload);
                update.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    /// <summary>Marks a transition's event as appended to <c>platform.db</c>.</summary>
    public void MarkPublished(AlarmTransition transition)
    {
        lock (_lock)
        {
            using var update = _connection.CreateCommand();
            update.CommandText = "UPDATE alarm_history SET published = 1 WHERE app = $a AND environment = $e AND name = $n AND seq = $q";
            update.Parameters.AddWithValue("$a", transition.App);
            update.Parameters.AddWithValue("$e", transition.Environment);
            update.Parameters.AddWithValue("$n", transition.Name);
            update.Parameters.AddWithValue("$q", transition.Seq);
            update.ExecuteNonQuery();
        }
    }

    /// <summary>Transitions whose event is not in <c>platform.db</c> yet (the process stopped between the two writes).</summary>
    public IReadOnlyList<AlarmTransition> Unpublished() => ReadHistory("published = 0", [], 1000, ascending: true);

    /// <summary>The newest transitions of one alarm first.</summary>
    public IReadOnlyList<AlarmTransition> History(string app, string environment, string name, int limit = 100) =>
        ReadHistory("app = $a AND environment = $e AND name = $n", [("$a", app), ("$e", environment), ("$n", name)], limit, ascending: false);

    public void Dispose() => _connection.Dispose();

    private List<AlarmTransition> ReadHistory(string where, (string, string)[] parameters, int limit, bool ascending)
    {
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = $"""
                SELECT app, environment, name, seq, time, old_state, new_state, reason, datapoints, function, version, payload
                FROM alarm_history WHERE {where} ORDER BY id {(ascending ? "ASC" : "DESC")} LIMIT {limit}
                """;
            foreach (var (key, value) in parameters)
            {
                select.Parameters.AddWithValue(key, value);
            }

            var result = new List<AlarmTransition>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var points = JsonSerializer.Deserialize<double[][]>(reader.GetString(8))!
                    .Select(p => new AlarmDatapoint(DateTimeOffset.FromUnixTimeSeconds((long)p[0]), p[1])).ToList();
                result.Add(new AlarmTransition(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), points,
                    reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetString(11)));
            }

            return result;
        }
    }
}

using System.Text.Json;
using Fathom.Alerting.Storage;
using Microsoft.Data.Sqlite;

namespace Fathom.Alerting.Notifications;

/// <summary>The outbox in <c>alerting.db</c>: deliveries stored before anything is sent, picked when due, marked sent,
/// retried or failed. One connection, taken in turns: notifications are few.</summary>
public sealed class NotificationOutbox : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _disposed;

    private NotificationOutbox(SqliteConnection connection) => _connection = connection;

    public static NotificationOutbox Open(string dataDirectory) => new(AlertingDatabase.Open(dataDirectory));

    /// <summary>Stores deliveries in one transaction; one already stored for the same (app, environment, target, event)
    /// is kept as it is. Returns how many were new.</summary>
    public async Task<int> AddAsync(IReadOnlyList<NotificationDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        if (deliveries.Count == 0)
        {
            return 0;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            var added = 0;
            foreach (var d in deliveries)
            {
                using var insert = _connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO notification_deliveries
                        (app, environment, target, target_json, event_id, event_kind, event_json, status, attempts, created, next_attempt, last_attempt, last_error, sent)
                    VALUES ($app, $env, $target, $targetJson, $eventId, $kind, $eventJson, $status, $attempts, $created, $next, $last, $error, $sent)
                    ON CONFLICT DO NOTHING
                    """;
                Bind(insert, d);
                added += insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return added;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Pending deliveries due at <paramref name="now"/>, oldest first.</summary>
    public Task<IReadOnlyList<NotificationDelivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync(" WHERE status = 'pending' AND next_attempt <= $now ORDER BY next_attempt, id LIMIT $limit",
            [("$now", now.ToUnixTimeMilliseconds()), ("$limit", limit)], cancellationToken);

    /// <summary>When the next pending delivery falls due, or null when none is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT MIN(next_attempt) FROM notification_deliveries WHERE status = 'pending'";
            return select.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The newest deliveries, optionally of one app and environment.</summary>
    public Task<IReadOnlyList<NotificationDelivery>> RecentAsync(string? app, string? environment, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync(" WHERE ($app IS NULL OR app = $app) AND ($env IS NULL OR environment = $env) ORDER BY id DESC LIMIT $limit",
            [("$app", (object?)app ?? DBNull.Value), ("$env", (object?)environment ?? DBNull.Value), ("$limit", limit)], cancellationToken);

    /// <summary>Records an attempt's outcome: the new status, attempts, when to try next and the error.</summary>
    public async Task UpdateAsync(NotificationDelivery d, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var update = _connection.CreateCommand();
            update.CommandText = """
                UPDATE notification_deliveries SET status = $status, attempts = $attempts, next_attempt = $next, last_attempt = $last,
                    last_error = $error, sent = $sent WHERE id = $id
                """;
            Bind(update, d);
            update.Parameters.AddWithValue("$id", d.Id);
            update.ExecuteNonQuery();
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _lock.Wait();
        _connection.Dispose();
        _lock.Dispose();
    }

    private async Task<IReadOnlyList<NotificationDelivery>> QueryAsync(string where, (string, object)[] parameters, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var select = _connection.CreateCommand();
            select.CommandText = """
                SELECT id, app, environment, target_json, event_id, event_kind, event_json, status, attempts, created, next_attempt, last_attempt, last_error, sent
                FROM notification_deliveries
                """ + where;
            foreach (var (name, value) in parameters)
            {
                select.Parameters.AddWithValue(name, value);
            }

            using var row = select.ExecuteReader();
            var result = new List<NotificationDelivery>();
            while (row.Read())
            {
                result.Add(new NotificationDelivery
                {
                    Id = row.GetInt64(0),
                    App = row.GetString(1),
                    Environment = row.GetString(2),
                    Target = JsonSerializer.Deserialize(row.GetString(3), NotificationJson.Default.DeliveryTarget)!,
                    EventId = row.GetInt64(4),
                    EventKind = row.GetString(5),
                    EventJson = row.GetString(6),
                    Status = row.GetString(7),
                    Attempts = row.GetInt32(8),
                    Created = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(9)),
                    NextAttempt = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(10)),
                    LastAttempt = row.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(11)),
                    LastError = row.IsDBNull(12) ? null : row.GetString(12),
                    Sent = row.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(13)),
                });
            }

            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static void Bind(SqliteCommand command, NotificationDelivery d)
    {
        command.Parameters.AddWithValue("$app", d.App);
        command.Parameters.AddWithValue("$env", d.Environment);
        command.Parameters.AddWithValue("$target", d.Target.Name);
        command.Parameters.AddWithValue("$targetJson", JsonSerializer.Serialize(d.Target, NotificationJson.Default.DeliveryTarget));
        command.Parameters.AddWithValue("$eventId", d.EventId);
        command.Parameters.AddWithValue("$kind", d.EventKind);
        command.Parameters.AddWithValue("$eventJson", d.EventJson);
        command.Parameters.AddWithValue("$status", d.Status);
        command.Parameters.AddWithValue("$attempts", d.Attempts);
        command.Parameters.AddWithValue("$created", d.Created.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$next", d.NextAttempt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$last", (object?)d.LastAttempt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)d.LastError ?? DBNull.Value);
        command.Parameters.AddWithValue("$sent", (object?)d.Sent?.ToUnixTimeMilliseconds() ?? DBNull.Value);
    }
}

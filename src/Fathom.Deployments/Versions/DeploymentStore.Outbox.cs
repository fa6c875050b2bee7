using Fathom.Platform.Events;
using Microsoft.Data.Sqlite;

namespace Fathom.Deployments.Versions;

// Platform events live in another SQLite file (platform.db), so no transaction spans both. A change writes its events
// into event_outbox in its own transaction; after the commit they are appended to platform.db (whose unique dedupe key
// makes a repeat harmless) and deleted here. A crash between the two leaves them in the outbox for the next open.
public sealed partial class DeploymentStore
{
    private async Task EnqueueEventAsync(
        SqliteConnection connection, SqliteTransaction transaction, string kind, string? function, string? version, string dedupeKey,
        string payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            """
            INSERT INTO event_outbox (at, kind, app, environment, function, version, dedupe_key, payload)
            VALUES ($at, $kind, $app, $env, $fn, $v, $key, $payload)
            """,
            ("$at", SqliteValues.Time(now)), ("$kind", kind), ("$app", App), ("$env", Environment), ("$fn", function), ("$v", version),
            ("$key", dedupeKey), ("$payload", payload));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DrainOutboxAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (_options.Events is not { } events)
        {
            return;
        }

        var pending = new List<(long Id, PlatformEvent Event)>();
        await using (var command = SqliteValues.Command(connection, null,
            "SELECT id, at, kind, function, version, dedupe_key, payload FROM event_outbox WHERE app = $app AND environment = $env ORDER BY id",
            ("$app", App), ("$env", Environment)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                pending.Add((reader.GetInt64(0), new PlatformEvent
                {
                    Time = SqliteValues.ReadTime(reader, 1),
                    Kind = reader.GetString(2),
                    App = App,
                    Environment = Environment,
                    Function = SqliteValues.ReadString(reader, 3),
                    Version = SqliteValues.ReadString(reader, 4),
                    DedupeKey = reader.GetString(5),
                    Payload = reader.GetString(6),
                }));
            }
        }

        foreach (var (id, platformEvent) in pending)
        {
            try
            {
                await events.AppendAsync(platformEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SqliteException or ObjectDisposedException or IOException)
            {
                // platform.db unavailable (shutting down, disk full): the change is committed; its events wait here
                // for the next write or the next open.
                return;
            }

            await using var delete = SqliteValues.Command(connection, null, "DELETE FROM event_outbox WHERE id = $id", ("$id", id));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Errors;

public sealed partial class ErrorStore
{
    /// <summary>Issues, most recently seen first, paged by an opaque cursor (the last issue's id and last-seen time).</summary>
    public Task<IssuePage> ListAsync(IssueQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {IssueColumns} FROM issues i
                WHERE ($state IS NULL OR state = $state)
                  AND ($app IS NULL OR app = $app) AND ($env IS NULL OR environment = $env)
                  AND ($fn IS NULL OR EXISTS (SELECT 1 FROM issue_versions v WHERE v.issue_id = i.id AND v.function = $fn))
                  AND ($cursorTime IS NULL OR last_seen < $cursorTime OR (last_seen = $cursorTime AND id < $cursorId))
                ORDER BY last_seen DESC, id DESC LIMIT $limit
                """;
            command.Parameters.AddWithValue("$state", (object?)query.State ?? DBNull.Value);
            command.Parameters.AddWithValue("$fn", (object?)query.Function ?? DBNull.Value);
            command.Parameters.AddWithValue("$app", (object?)query.App ?? DBNull.Value);
            command.Parameters.AddWithValue("$env", (object?)query.Environment ?? DBNull.Value);
            command.Parameters.AddWithValue("$cursorTime", (object?)query.Cursor?.LastSeen ?? DBNull.Value);
            command.Parameters.AddWithValue("$cursorId", (object?)query.Cursor?.Id ?? DBNull.Value);
            command.Parameters.AddWithValue("$limit", query.Limit + 1);
            var issues = ReadIssues(connection, command);
            IssueCursor? next = null;
            if (issues.Count > query.Limit)
            {
                issues.RemoveAt(issues.Count - 1);
                next = new IssueCursor(issues[^1].LastSeen.ToUnixTimeMilliseconds(), issues[^1].Id);
            }

            return new IssuePage(issues, next);
        }, cancellationToken);
    }

    /// <summary>One issue, or null.</summary>
    public Task<IssueSummary?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {IssueColumns} FROM issues i WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return ReadIssues(connection, command).SingleOrDefault();
        }, cancellationToken);

    /// <summary>An issue's samples, newest first (the first one ever seen included).</summary>
    public Task<IReadOnlyList<StoredErrorEvent>> SamplesAsync(long issueId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StoredErrorEvent>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, body FROM events WHERE issue_id = $id ORDER BY id DESC";
            command.Parameters.AddWithValue("$id", issueId);
            using var row = command.ExecuteReader();
            var samples = new List<StoredErrorEvent>();
            while (row.Read())
            {
                samples.Add(new StoredErrorEvent(row.GetInt64(0), issueId, ErrorEventJson.Deserialize(row.GetString(1))));
            }

            return samples;
        }, cancellationToken);

    /// <summary>Events per hour (the hour's start) of one issue, oldest first.</summary>
    public Task<IReadOnlyList<(DateTimeOffset Hour, long Count)>> HoursAsync(long issueId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<(DateTimeOffset, long)>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT hour, count FROM issue_hours WHERE issue_id = $id ORDER BY hour";
            command.Parameters.AddWithValue("$id", issueId);
            using var row = command.ExecuteReader();
            var hours = new List<(DateTimeOffset, long)>();
            while (row.Read())
            {
                hours.Add((DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(0) * 3_600_000), row.GetInt64(1)));
            }

            return hours;
        }, cancellationToken);

    private const string IssueColumns =
        "id, fingerprint, app, environment, type, title, culprit, count, first_seen, last_seen, first_version, last_version, state, regressed, resolved_version, ignored_until, ignored_until_count";

    private static List<IssueSummary> ReadIssues(SqliteConnection connection, SqliteCommand command)
    {
        var issues = new List<IssueSummary>();
        using (var row = command.ExecuteReader())
        {
            while (row.Read())
            {
                issues.Add(new IssueSummary
                {
                    Id = row.GetInt64(0),
                    Fingerprint = row.GetString(1),
                    App = row.GetString(2),
                    Environment = row.GetString(3),
                    Type = row.GetString(4),
                    Title = row.GetString(5),
                    Culprit = row.IsDBNull(6) ? null : row.GetString(6),
                    Count = row.GetInt64(7),
                    FirstSeen = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(8)),
                    LastSeen = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(9)),
                    FirstVersion = row.GetString(10),
                    LastVersion = row.GetString(11),
                    State = row.GetString(12),
                    Regressed = row.GetInt64(13) != 0,
                    ResolvedVersion = row.IsDBNull(14) ? null : row.GetString(14),
                    IgnoredUntil = row.IsDBNull(15) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(15)),
                    IgnoredUntilCount = row.IsDBNull(16) ? null : row.GetInt64(16),
                });
            }
        }

        for (var i = 0; i < issues.Count; i++)
        {
            using var versions = connection.CreateCommand();
            versions.CommandText = "SELECT function, version FROM issue_versions WHERE issue_id = $id";
            versions.Parameters.AddWithValue("$id", issues[i].Id);
            using var row = versions.ExecuteReader();
            var pairs = new List<(string Function, string Version)>();
            while (row.Read())
            {
                pairs.Add((row.GetString(0), row.GetString(1)));
            }

            issues[i] = issues[i] with
            {
                Functions = [.. pairs.Select(p => p.Function).Distinct().Order(StringComparer.Ordinal)],
                Versions = [.. pairs.OrderBy(p => p.Function, StringComparer.Ordinal).ThenBy(p => p.Version, Comparer<string>.Create(VersionOrder.Compare)).Select(p => $"{p.Function}:{p.Version}")],
            };
        }

        return issues;
    }
}

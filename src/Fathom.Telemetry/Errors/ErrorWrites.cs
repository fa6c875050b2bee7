using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Fathom.Telemetry.Errors;

/// <summary>The store's writes, on the connection the caller holds in turn: grouping into issues, the state rules
/// (regressions, ignores that run out), and keeping the first and the latest samples.</summary>
internal static partial class ErrorWrites
{
    public const string IssueNew = "issue.new";
    public const string IssueRegression = "issue.regression";
    public const string IssueState = "issue.state";

    public static (StoredErrorEvent Stored, IssueChange? Change) Add(SqliteConnection connection, ErrorEvent e, string fingerprint, int latestSamples)
    {
        var time = e.Time.ToUnixTimeMilliseconds();
        IssueChange? change = null;
        long issueId;
        bool first;
        using (var find = Command(connection, """
            SELECT id, count, state, resolved_version, ignored_until, ignored_until_count, last_version, title
            FROM issues WHERE app = $app AND environment = $env AND fingerprint = $fp
            """))
        {
            find.Parameters.AddWithValue("$app", e.App);
            find.Parameters.AddWithValue("$env", e.Environment);
            find.Parameters.AddWithValue("$fp", fingerprint);
            using var row = find.ExecuteReader();
            if (row.Read())
            {
                issueId = row.GetInt64(0);
                var count = row.GetInt64(1) + 1;
                var state = row.GetString(2);
                var resolvedVersion = row.IsDBNull(3) ? null : row.GetString(3);
                long? ignoredUntil = row.IsDBNull(4) ? null : row.GetInt64(4);
                long? ignoredUntilCount = row.IsDBNull(5) ? null : row.GetInt64(5);
                var lastVersion = VersionOrder.IsNewer(e.Version, row.GetString(6)) ? e.Version : row.GetString(6);
                var title = row.GetString(7);
                row.Close();
                var regressed = false;
                if (state is IssueStates.Resolved or IssueStates.ResolvedInNextVersion && VersionOrder.IsNewer(e.Version, resolvedVersion))
                {
                    state = IssueStates.Unresolved;
                    regressed = true;
                    change = new IssueChange(issueId, IssueRegression, state, title, e.Function, e.Version, e.App, e.Environment);
                }
                else if (state == IssueStates.Ignored && (time >= ignoredUntil || count >= ignoredUntilCount))
                {
                    state = IssueStates.Unresolved;
                    change = new IssueChange(issueId, IssueState, state, title, e.Function, e.Version, e.App, e.Environment);
                }

                using var update = Command(connection, """
                    UPDATE issues SET count = $count, last_seen = max(last_seen, $time), last_version = $lv, state = $state,
                        regressed = CASE WHEN $regressed THEN 1 ELSE regressed END,
                        ignored_until = CASE WHEN $state = 'ignored' THEN ignored_until END,
                        ignored_until_count = CASE WHEN $state = 'ignored' THEN ignored_until_count END
                    WHERE id = $id
                    """);
                update.Parameters.AddWithValue("$count", count);
                update.Parameters.AddWithValue("$time", time);
                update.Parameters.AddWithValue("$lv", lastVersion);
                update.Parameters.AddWithValue("$state", state);
                update.Parameters.AddWithValue("$regressed", regressed);
                update.Parameters.AddWithValue("$id", issueId);
                update.ExecuteNonQuery();
                first = false;
            }
            else
            {
                row.Close();
                var title = Title(e);
                using var insert = Command(connection, """
                    INSERT INTO issues (app, environment, fingerprint, type, title, culprit, count, first_seen, last_seen, first_version, last_version, state)
                    VALUES ($app, $env, $fp, $type, $title, $culprit, 1, $time, $time, $v, $v, 'unresolved') RETURNING id
                    """);
                insert.Parameters.AddWithValue("$app", e.App);
                insert.Parameters.AddWithValue("$env", e.Environment);
                insert.Parameters.AddWithValue("$fp", fingerprint);
                insert.Parameters.AddWithValue("$type", e.Type);
                insert.Parameters.AddWithValue("$title", title);
                insert.Parameters.AddWithValue("$culprit", (object?)Culprit(e) ?? DBNull.Value);
                insert.Parameters.AddWithValue("$time", time);
                insert.Parameters.AddWithValue("$v", e.Version);
                issueId = (long)insert.ExecuteScalar()!;
                first = true;
                change = new IssueChange(issueId, IssueNew, IssueStates.Unresolved, title, e.Function, e.Version, e.App, e.Environment);
            }
        }

        using (var versions = Command(connection, """
            INSERT INTO issue_versions (issue_id, function, version, count) VALUES ($id, $fn, $v, 1)
            ON CONFLICT DO UPDATE SET count = count + 1;
            INSERT INTO issue_hours (issue_id, hour, count) VALUES ($id, $hour, 1)
            ON CONFLICT DO UPDATE SET count = count + 1;
            """))
        {
            versions.Parameters.AddWithValue("$id", issueId);
            versions.Parameters.AddWithValue("$fn", e.Function);
            versions.Parameters.AddWithValue("$v", e.Version);
            versions.Parameters.AddWithValue("$hour", time / 3_600_000);
            versions.ExecuteNonQuery();
        }

        long rowId;
        using (var sample = Command(connection, """
            INSERT INTO events (issue_id, first, body) VALUES ($id, $first, $body) RETURNING id
            """))
        {
            sample.Parameters.AddWithValue("$id", issueId);
            sample.Parameters.AddWithValue("$first", first);
            sample.Parameters.AddWithValue("$body", ErrorEventJson.Serialize(e));
            rowId = (long)sample.ExecuteScalar()!;
        }

        using (var trim = Command(connection, """
            DELETE FROM events WHERE issue_id = $id AND first = 0 AND id NOT IN
                (SELECT id FROM events WHERE issue_id = $id AND first = 0 ORDER BY id DESC LIMIT $n)
            """))
        {
            trim.Parameters.AddWithValue("$id", issueId);
            trim.Parameters.AddWithValue("$n", latestSamples);
            trim.ExecuteNonQuery();
        }

        return (new StoredErrorEvent(rowId, issueId, e), change);
    }

    public static IssueChange? SetState(SqliteConnection connection, long issueId, IssueStateRequest request)
    {
        using var find = Command(connection, "SELECT count, last_version, title, (SELECT function FROM issue_versions WHERE issue_id = $id LIMIT 1), app, environment FROM issues WHERE id = $id");
        find.Parameters.AddWithValue("$id", issueId);
        using var row = find.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        var count = row.GetInt64(0);
        var lastVersion = row.GetString(1);
        var title = row.GetString(2);
        var function = row.IsDBNull(3) ? "" : row.GetString(3);
        var app = row.GetString(4);
        var environment = row.GetString(5);
        row.Close();
        using var update = Command(connection, """
            UPDATE issues SET state = $state,
                regressed = CASE WHEN $state IN ('resolved', 'resolvedInNextVersion') THEN 0 ELSE regressed END,
                resolved_version = CASE WHEN $state IN ('resolved', 'resolvedInNextVersion') THEN $lv END,
                ignored_until = $until, ignored_until_count = $untilCount
            WHERE id = $id
            """);
        update.Parameters.AddWithValue("$state", request.State);
        update.Parameters.AddWithValue("$lv", lastVersion);
        update.Parameters.AddWithValue("$until", (object?)request.IgnoredUntil?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        update.Parameters.AddWithValue("$untilCount", request.IgnoredForEvents is { } n ? count + n : DBNull.Value);
        update.Parameters.AddWithValue("$id", issueId);
        update.ExecuteNonQuery();
        return new IssueChange(issueId, IssueState, request.State, title, function, lastVersion, app, environment);
    }

    public static void ExpireIgnores(SqliteConnection connection, DateTimeOffset now)
    {
        using var expire = Command(connection, """
            UPDATE issues SET state = 'unresolved', ignored_until = NULL, ignored_until_count = NULL
            WHERE state = 'ignored' AND ignored_until IS NOT NULL AND ignored_until <= $now
            """);
        expire.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        expire.ExecuteNonQuery();
    }

    internal static string Title(ErrorEvent e)
    {
        // The platform's own messages start with the request id, which belongs to one event, not to the issue.
        var message = PlatformPrefix().Replace(e.Message.Split('\n', 2)[0].Trim(), "");
        if (message.Length > 200)
        {
            message = message[..200] + "…";
        }

        return message.Length == 0 ? e.Type : $"{e.Type}: {message}";
    }

    internal static string? Culprit(ErrorEvent e) =>
        e.Frames.LastOrDefault(f => f.InApp) is { } frame ? $"{frame.Function ?? "<anonymous>"} ({frame.File})" : null;

    [GeneratedRegex(@"^RequestId: \S+\s+(Error: )?")]
    private static partial Regex PlatformPrefix();

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}

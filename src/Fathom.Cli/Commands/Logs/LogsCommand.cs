using System.CommandLine;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Logs;

/// <summary>`fathom logs [FUNCTION]`: a function's (or every function's) stored log, newest at the bottom; with
/// <c>--tail</c>, then every new line as it is printed (Server-Sent Events, resumed after a dropped connection).</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var function = new Argument<string?>("function") { Description = "Only this function's lines (default: every function).", HelpName = "FUNCTION", Arity = ArgumentArity.ZeroOrOne };
        var tail = new Option<bool>("--tail", "-f") { Description = "Keep printing new lines as they arrive, until Ctrl+C." };
        var since = new Option<string?>("--since") { Description = "Only lines from this long ago: 30s, 15m, 2h, 7d.", HelpName = "DURATION" };
        var start = new Option<string?>("--start") { Description = "Only lines at or after this time (RFC 3339, e.g. 2026-12-07T10:00:00Z).", HelpName = "TIME" };
        var end = new Option<string?>("--end") { Description = "Only lines before this time (RFC 3339).", HelpName = "TIME" };
        var filter = new Option<string?>("--filter") { Description = "Words, \"phrases\", key=value on JSON fields, level>=WARN; ANDed (docs/logs.md).", HelpName = "EXPR" };
        var requestId = new Option<string?>("--request-id") { Description = "Only one invocation's lines.", HelpName = "ID" };
        var version = new Option<string?>("--version") { Description = "Only lines from this version of the function.", HelpName = "N" };
        var level = new Option<string?>("--level") { Description = "The lowest level shown: TRACE, DEBUG, INFO, WARN, ERROR, FATAL.", HelpName = "LEVEL" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many records to show before tailing or without it (1-1000).", DefaultValueFactory = _ => 100, HelpName = "N" };
        var stats = new Option<bool>("--stats") { Description = "Show what the pipeline ingested, stored, forwarded and dropped, instead of lines." };
        var json = new Option<bool>("--json") { Description = "JSON Lines: one record per line, as the API returns them." };
        var server = new Option<string?>("--server") { Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, http://127.0.0.1:9400).", HelpName = "URL" };

        var app = new Option<string?>("--app") { Description = "Only this app's lines (a server holding several apps).", HelpName = "APP" };
        var env = new Option<string?>("--env") { Description = "Only this environment's lines.", HelpName = "ENV" };
        var command = new Command("logs", "Show the logs of a running server's functions (fathom up, fathom server), newest at the bottom; --tail follows them live. Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.")
        {
            function, tail, since, start, end, filter, requestId, version, level, limit, stats, json, server, app, env,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var query = new LogsQuery(
                result.GetValue(function), result.GetValue(since), result.GetValue(start), result.GetValue(end),
                result.GetValue(filter), result.GetValue(requestId), result.GetValue(version), result.GetValue(level), result.GetValue(limit),
                result.GetValue(app), result.GetValue(env));
            if (query.Limit is < 1 or > 1000)
            {
                throw new CliUsageException("--limit must be from 1 to 1000");
            }

            var adminUrl = ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory);
            var output = new LogPrinter(Console.Out, result.GetValue(json));
            return result.GetValue(stats)
                ? LogsClient.PrintStatsAsync(adminUrl, result.GetValue(json), cancellationToken)
                : LogsClient.RunAsync(adminUrl, query, result.GetValue(tail), output, cancellationToken);
        });
        return command;
    }
}

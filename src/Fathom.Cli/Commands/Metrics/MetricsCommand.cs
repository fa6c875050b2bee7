using System.CommandLine;
using Fathom.Cli.Server;
using Fathom.Telemetry;

namespace Fathom.Cli.Commands.Metrics;

/// <summary>`fathom metrics [FUNCTION]`: each metric of a function (or of every function) over a range, as a table with
/// a sparkline of its shape, or the API's JSON.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var function = new Argument<string?>("function") { Description = "Only this function (default: every function, one block each).", HelpName = "FUNCTION", Arity = ArgumentArity.ZeroOrOne };
        var since = new Option<string>("--since") { Description = "How far back: 15m, 1h, 24h, 7d.", HelpName = "DURATION", DefaultValueFactory = _ => "1h" };
        var start = new Option<string?>("--start") { Description = "From this time (RFC 3339), instead of --since.", HelpName = "TIME" };
        var end = new Option<string?>("--end") { Description = "Until this time (RFC 3339; default now).", HelpName = "TIME" };
        var period = new Option<string>("--period") { Description = "The width of each point: 1s, 1m, 5m, 1h.", HelpName = "DURATION", DefaultValueFactory = _ => "1m" };
        var stat = new Option<string?>("--stat") { Description = "The statistic: sum, avg, min, max, count, p50, p90, p99, p99.9 (default: each metric's own).", HelpName = "STAT" };
        var metric = new Option<string?>("--metric") { Description = "Only this metric: Invocations, Errors, Duration, ... or an EMF metric's name.", HelpName = "NAME" };
        var ns = new Option<string?>("--namespace") { Description = "The EMF namespace of --metric.", HelpName = "NAMESPACE" };
        var version = new Option<string?>("--version") { Description = "Only this version of the function.", HelpName = "N" };
        var alias = new Option<string?>("--alias") { Description = "Only calls through this alias.", HelpName = "ALIAS" };
        var source = new Option<string?>("--source") { Description = "Only this source (api, invoke, schedule, ...; uptime for the platform's probes, * for all). Default: client traffic.", HelpName = "SOURCE" };
        var app = new Option<string?>("--app") { Description = "The app (on a server with several).", HelpName = "APP" };
        var env = new Option<string?>("--env") { Description = "The environment (on a server with several).", HelpName = "ENV" };
        var json = new Option<bool>("--json") { Description = "One JSON document, as the API returns it." };
        var server = new Option<string?>("--server") { Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, http://127.0.0.1:9400).", HelpName = "URL" };
        var command = new Command("metrics", "Show a running server's function metrics (fathom up): invocations, errors, durations, cold starts, memory, EMF metrics, with the shape of each over the range. Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.")
        {
            function, since, start, end, period, stat, metric, ns, version, alias, source, app, env, json, server,
        };
        command.SetAction((result, cancellationToken) =>
        {
            foreach (var (name, value) in new[] { ("--since", result.GetValue(since)), ("--period", result.GetValue(period)) })
            {
                if (!TelemetryText.TryParseDuration(value!, out var span) || span <= TimeSpan.Zero)
                {
                    throw new CliUsageException($"{name}: '{value}' is not a duration such as 30s, 1m, 1h or 7d");
                }
            }

            var query = new MetricsQuery(
                result.GetValue(function), result.GetValue(since)!, result.GetValue(start), result.GetValue(end), result.GetValue(period)!,
                result.GetValue(stat), result.GetValue(metric), result.GetValue(ns), result.GetValue(version), result.GetValue(alias),
                result.GetValue(source), result.GetValue(app), result.GetValue(env));
            var client = new MetricsClient(ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory), Console.Out);
            return client.RunAsync(query, result.GetValue(json), cancellationToken);
        });
        return command;
    }
}

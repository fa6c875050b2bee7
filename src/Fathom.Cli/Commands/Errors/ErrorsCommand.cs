using System.CommandLine;
using Fathom.Cli.Server;
using Fathom.Telemetry;

namespace Fathom.Cli.Commands.Errors;

/// <summary>`fathom errors [FUNCTION]`: the issues the error tracker grouped failures into, most recently seen first;
/// `show`, `resolve`, `ignore`, `reopen` act on one.</summary>
internal static class ErrorsCommand
{
    private static readonly string[] States = ["unresolved", "resolved", "resolvedInNextVersion", "ignored"];

    public static Command Create()
    {
        var function = new Argument<string?>("function") { Description = "Only this function's issues (default: every function).", HelpName = "FUNCTION", Arity = ArgumentArity.ZeroOrOne };
        var status = new Option<string?>("--status") { Description = "Only issues in this state: unresolved, resolved, resolvedInNextVersion, ignored.", HelpName = "STATE" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many issues to show (1-500).", DefaultValueFactory = _ => 50, HelpName = "N" };
        var json = JsonOption();
        var server = ServerOption();
        var app = new Option<string?>("--app") { Description = "Only this app's issues (a server holding several apps).", HelpName = "APP" };
        var env = new Option<string?>("--env") { Description = "Only this environment's issues.", HelpName = "ENV" };
        var command = new Command("errors", "Show the issues of a running server's functions (fathom up, fathom server): failures grouped by cause. Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.")
        {
            function, status, limit, json, server, app, env,
            ShowCommand(),
            StateCommand("resolve", "Mark an issue resolved; it comes back as a regression if a newer version fails the same way."),
            StateCommand("ignore", "Ignore an issue (for a while, or until it happens N more times)."),
            StateCommand("reopen", "Mark an issue unresolved again."),
            DsnCommand.Create(),
        };
        command.SetAction((result, cancellationToken) =>
        {
            var state = result.GetValue(status);
            if (state is not null && !States.Contains(state, StringComparer.Ordinal))
            {
                throw new CliUsageException($"--status must be one of {string.Join(", ", States)}");
            }

            if (result.GetValue(limit) is < 1 or > 500)
            {
                throw new CliUsageException("--limit must be from 1 to 500");
            }

            var client = new ErrorsClient(ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory), Console.Out);
            return client.ListAsync(result.GetValue(function), state, result.GetValue(limit), result.GetValue(json), cancellationToken, result.GetValue(app), result.GetValue(env));
        });
        return command;
    }

    private static Command ShowCommand()
    {
        var id = new Argument<string>("id") { Description = "The issue's id (the first column of `fathom errors`).", HelpName = "ID" };
        var json = JsonOption();
        var server = ServerOption();
        var command = new Command("show", "Show one issue: its stack, samples and the log lines of its latest failure.") { id, json, server };
        command.SetAction((result, cancellationToken) =>
        {
            var client = new ErrorsClient(ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory), Console.Out);
            return client.ShowAsync(result.GetValue(id)!, result.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static Command StateCommand(string action, string description)
    {
        var id = new Argument<string>("id") { Description = "The issue's id.", HelpName = "ID" };
        var json = JsonOption();
        var server = ServerOption();
        var command = new Command(action, description) { id, json, server };
        var inNextVersion = new Option<bool>("--in-next-version") { Description = "Resolved by the next version: failures of the current one do not reopen it." };
        var forDuration = new Option<string?>("--for") { Description = "Ignore for this long: 30m, 2h, 7d.", HelpName = "DURATION" };
        var untilEvents = new Option<long?>("--until-events") { Description = "Ignore until it happens this many more times.", HelpName = "N" };
        if (action == "resolve")
        {
            command.Options.Add(inNextVersion);
        }
        else if (action == "ignore")
        {
            command.Options.Add(forDuration);
            command.Options.Add(untilEvents);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var body = new Dictionary<string, object>();
            if (action == "resolve" && result.GetValue(inNextVersion))
            {
                body["inNextVersion"] = true;
            }

            if (action == "ignore")
            {
                if (result.GetValue(forDuration) is { } text)
                {
                    if (!TelemetryText.TryParseDuration(text, out var span) || span <= TimeSpan.Zero)
                    {
                        throw new CliUsageException($"--for: '{text}' is not a duration such as 30m, 2h or 7d");
                    }

                    body["until"] = TimeProvider.System.GetUtcNow().Add(span).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
                }

                if (result.GetValue(untilEvents) is { } n)
                {
                    body["untilEvents"] = n < 1 ? throw new CliUsageException("--until-events must be at least 1") : n;
                }
            }

            var client = new ErrorsClient(ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory), Console.Out);
            return client.SetStateAsync(result.GetValue(id)!, action, body, result.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "One JSON document, as the API returns it." };

    private static Option<string?> ServerOption() =>
        new("--server") { Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, http://127.0.0.1:9400).", HelpName = "URL" };
}

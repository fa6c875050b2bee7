using System.CommandLine;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Alarms;

/// <summary>`fathom alarms`: every alarm of an environment with its state (or why it is not evaluated);
/// `fathom alarms history NAME`: its transitions with the datapoints behind each.</summary>
internal static class AlarmsCommand
{
    public static Command Create()
    {
        var json = JsonOption();
        var server = ServerOption();
        var app = AppOption();
        var env = EnvOption();
        var command = new Command("alarms", "Show the alarms of a running server's environment (fathom up, fathom server): defaults per function and the template's, with their state. Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.")
        {
            json, server, app, env,
            HistoryCommand(),
        };
        command.SetAction((result, cancellationToken) =>
            new AlarmsClient(ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory), Console.Out)
                .ListAsync(result.GetValue(app), result.GetValue(env), result.GetValue(json), cancellationToken));
        return command;
    }

    private static Command HistoryCommand()
    {
        var name = new Argument<string>("name") { Description = "The alarm's name (the first column of `fathom alarms`).", HelpName = "NAME" };
        var json = JsonOption();
        var server = ServerOption();
        var app = AppOption();
        var env = EnvOption();
        var command = new Command("history", "Show an alarm's state changes, newest first, with the reason and datapoints of each.") { name, json, server, app, env };
        command.SetAction((result, cancellationToken) =>
            new AlarmsClient(ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory), Console.Out)
                .HistoryAsync(result.GetValue(name)!, result.GetValue(app), result.GetValue(env), result.GetValue(json), cancellationToken));
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "One JSON document, as the API returns it." };

    private static Option<string?> AppOption() => new("--app") { Description = "The app (a server holding several).", HelpName = "APP" };

    private static Option<string?> EnvOption() => new("--env") { Description = "The environment.", HelpName = "ENV" };

    private static Option<string?> ServerOption() =>
        new("--server") { Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, http://127.0.0.1:9400).", HelpName = "URL" };
}

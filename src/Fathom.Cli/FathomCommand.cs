using System.CommandLine;
using Fathom.Cli.Commands.Audit;
using Fathom.Cli.Commands.Dashboard;
using Fathom.Cli.Commands.Deploy;
using Fathom.Cli.Commands.Errors;
using Fathom.Cli.Commands.Invoke;
using Fathom.Cli.Commands.Logs;
using Fathom.Cli.Commands.Releases;
using Fathom.Cli.Commands.Metrics;
using Fathom.Cli.Commands.Notifications;
using Fathom.Cli.Commands.Runtimes;
using Fathom.Cli.Commands.Server;
using Fathom.Cli.Commands.Status;
using Fathom.Cli.Commands.Token;
using Fathom.Cli.Commands.Up;
using Fathom.Cli.Commands.Validate;
using Fathom.Cli.Server;

namespace Fathom.Cli;

/// <summary>The root `fathom` command: one subcommand per verb.</summary>
internal static class FathomCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Fathom runs AWS SAM applications with production operations built in.")
        {
            UpCommand.Create(),
            ServerCommand.Create(),
            DeployCommand.Create(),
            StatusCommand.Create(),
            ValidateCommand.Create(),
            InvokeCommand.Create(),
            LogsCommand.Create(),
            ErrorsCommand.Create(),
            HistoryCommand.Create(),
            RollbackCommand.Create(),
            AuditCommand.Create(),
            MetricsCommand.Create(),
            Commands.Alarms.AlarmsCommand.Create(),
            NotificationsCommand.Create(),
            RuntimesCommand.Create(),
            TokenCommand.Create(),
            DashboardCommand.Create(),
        };
        var token = new Option<string?>("--token")
        {
            Description = "The token to send (default: FATHOM_TOKEN, then the server's server.json).",
            HelpName = "TOKEN",
            Recursive = true,
        };
        root.Options.Add(token);
        var ca = new Option<string?>("--ca")
        {
            Description = $"A PEM certificate (or CA) to trust for the server's HTTPS, besides the system's (default: {AdminHttp.CaVariable}).",
            HelpName = "FILE",
            Recursive = true,
        };
        root.Options.Add(ca);

        var parse = root.Parse(args);
        // Usage errors exit 2 (DESIGN.md CLI conventions); System.CommandLine would otherwise use 1.
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run 'fathom --help' for usage.");
            return 2;
        }

        Server.AdminToken.FromOption = parse.GetValue(token);
        var (caFile, caSource) = parse.GetValue(ca) is { } given ? (given, "--ca") : (Environment.GetEnvironmentVariable(AdminHttp.CaVariable), AdminHttp.CaVariable);
        if (!string.IsNullOrEmpty(caFile))
        {
            if (AdminHttp.Check(caFile, caSource) is { } problem)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
                return 2;
            }

            AdminHttp.CaFile = caFile;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // Commands that serve handle SIGINT/SIGTERM themselves and may need more than a fixed grace period.
                ProcessTerminationTimeout = null,
            });
        }
        catch (CliUsageException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }
}

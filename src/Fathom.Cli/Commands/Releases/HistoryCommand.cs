using System.CommandLine;
using Fathom.Cli.Common;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Releases;

/// <summary>`fathom history`: an environment's releases, newest first, with what each changed.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var options = new EnvironmentOptions();
        var limit = new Option<int>("--limit", "-n") { Description = "How many releases to show (1-500).", DefaultValueFactory = _ => 20, HelpName = "N" };
        var command = new Command("history", "Show an environment's releases, newest first: number, who, when, why, and what changed (functions, versions, configuration). Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.")
        {
            limit,
        };
        options.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(limit) is < 1 or > 500)
            {
                throw new CliUsageException("--limit must be from 1 to 500");
            }

            var adminUrl = ServerLocator.Resolve(result.GetValue(options.Server), Environment.CurrentDirectory);
            var (code, document) = await AdminApi.SendAsync(adminUrl,
                new HttpRequestMessage(HttpMethod.Get, $"fathom/v1/releases?limit={result.GetValue(limit)}{options.Query(result)}"), cancellationToken);
            if (document is null)
            {
                return code;
            }

            if (result.GetValue(options.Json))
            {
                await Console.Out.WriteLineAsync(document.ToJsonString(ReleasePrinter.Indented));
                return 0;
            }

            await ReleasePrinter.WriteHistoryAsync(Console.Out, document, ConsoleStyle.ForOut);
            return 0;
        });
        return command;
    }
}

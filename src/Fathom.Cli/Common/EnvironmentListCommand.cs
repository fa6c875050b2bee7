using System.CommandLine;
using System.Text.Json.Nodes;
using Fathom.Cli.Server;

namespace Fathom.Cli.Common;

/// <summary>A command that lists one page of an environment's records from the admin API, newest first (`fathom history`,
/// `fathom audit`): <c>--limit</c>, the environment options, the JSON document as is with <c>--json</c>, else a printer.</summary>
internal static class EnvironmentListCommand
{
    /// <param name="path">The admin API path, e.g. <c>fathom/v1/audit</c>.</param>
    /// <param name="print">Writes the document for a person.</param>
    public static Command Create(string name, string description, string what, int defaultLimit, string path, Func<TextWriter, JsonNode, Task> print)
    {
        var options = new EnvironmentOptions();
        var limit = new Option<int>("--limit", "-n") { Description = $"How many {what} to show (1-500).", DefaultValueFactory = _ => defaultLimit, HelpName = "N" };
        var command = new Command(name, description + " Exit codes: 0 success, 1 API error or server unreachable, 2 usage error.") { limit };
        options.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(limit) is < 1 or > 500)
            {
                throw new CliUsageException("--limit must be from 1 to 500");
            }

            var adminUrl = ServerLocator.Resolve(result.GetValue(options.Server), Environment.CurrentDirectory);
            var (code, document) = await AdminApi.SendAsync(adminUrl,
                new HttpRequestMessage(HttpMethod.Get, $"{path}?limit={result.GetValue(limit)}{options.Query(result)}"), cancellationToken);
            if (document is null)
            {
                return code;
            }

            if (result.GetValue(options.Json))
            {
                await Console.Out.WriteLineAsync(document.ToJsonString(CliJson.Options));
                return 0;
            }

            await print(Console.Out, document);
            return 0;
        });
        return command;
    }
}

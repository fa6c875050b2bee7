using System.CommandLine;
using System.Net.Http.Json;
using Fathom.Cli.Common;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Releases;

/// <summary>`fathom rollback [--to N]`: one atomic alias flip back to an earlier release (default: the one before the
/// live one), recorded as a new release.</summary>
internal static class RollbackCommand
{
    public static Command Create()
    {
        var options = new EnvironmentOptions();
        var to = new Option<int?>("--to") { Description = "The release to go back to (default: the one before the live one).", HelpName = "RELEASE" };
        var command = new Command("rollback", "Make an earlier release live again: every alias flips to its versions at once (versions of recent releases are still warm). Exit codes: 0 rolled back, 1 refused (no such release, already live) or server unreachable, 2 usage error.")
        {
            to,
        };
        options.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(to) is < 1)
            {
                throw new CliUsageException("--to must be a release number (1, 2, …); see fathom history");
            }

            var adminUrl = ServerLocator.Resolve(result.GetValue(options.Server), Environment.CurrentDirectory);
            var body = result.GetValue(to) is { } target ? new Dictionary<string, int> { ["to"] = target } : [];
            var request = new HttpRequestMessage(HttpMethod.Post, $"fathom/v1/rollback?{options.Query(result).TrimStart('&')}") { Content = JsonContent.Create(body) };
            var (code, document) = await AdminApi.SendAsync(adminUrl, request, cancellationToken);
            if (document is null)
            {
                return code;
            }

            if (result.GetValue(options.Json))
            {
                await Console.Out.WriteLineAsync(document.ToJsonString(ReleasePrinter.Indented));
                return 0;
            }

            await ReleasePrinter.WriteRollbackAsync(Console.Out, document);
            return 0;
        });
        return command;
    }
}

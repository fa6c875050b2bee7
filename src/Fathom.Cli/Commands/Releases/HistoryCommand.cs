using System.CommandLine;
using Fathom.Cli.Common;

namespace Fathom.Cli.Commands.Releases;

/// <summary>`fathom history`: an environment's releases, newest first, with what each changed.</summary>
internal static class HistoryCommand
{
    public static Command Create() => EnvironmentListCommand.Create(
        "history",
        "Show an environment's releases, newest first: number, who, when, why, and what changed (functions, versions, configuration).",
        "releases", 20, "fathom/v1/releases",
        (output, document) => ReleasePrinter.WriteHistoryAsync(output, document, ConsoleStyle.ForOut));
}

using System.CommandLine;

namespace Fathom.Cli.Commands.Runtimes;

/// <summary>`fathom runtimes ...`: the language runtimes functions run on.</summary>
internal static class RuntimesCommand
{
    public static Command Create() => new("runtimes", "Manage the language runtimes functions run on.")
    {
        InstallCommand.Create(),
    };
}

using System.CommandLine;

namespace Fathom.Cli.Commands.Token;

/// <summary>`fathom token create|list|revoke`: the credentials a `fathom server` accepts (admin role).</summary>
internal static class TokenCommand
{
    public static Command Create() => new("token", "Issue, list and revoke the tokens and AWS access keys of a fathom server (needs an admin token).")
    {
        TokenCreateCommand.Create(),
        TokenListCommand.Create(),
        TokenRevokeCommand.Create(),
    };

    public static Option<string?> ServerOption() => new("--server")
    {
        Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, $XDG_DATA_HOME/fathom/server.json, http://127.0.0.1:9400).",
        HelpName = "URL",
    };
}

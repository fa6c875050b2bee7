using System.CommandLine;

namespace Fathom.Cli.Common;

/// <summary>The options of every command about one app environment on a server: <c>--app</c>, <c>--env</c>,
/// <c>--server</c>, <c>--json</c> (DESIGN.md CLI conventions).</summary>
internal sealed class EnvironmentOptions
{
    public Option<string?> App { get; } = new("--app") { Description = "The app (default: the only one on the server).", HelpName = "NAME" };

    public Option<string?> Env { get; } = new("--env") { Description = "The environment (default: the only one of the app; fathom up's is 'local').", HelpName = "NAME" };

    public Option<string?> Server { get; } = new("--server")
    {
        Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, http://127.0.0.1:9400).",
        HelpName = "URL",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "One JSON document, as the API returns it." };

    public void AddTo(Command command)
    {
        command.Options.Add(App);
        command.Options.Add(Env);
        command.Options.Add(Server);
        command.Options.Add(Json);
    }

    /// <summary>The <c>app=&amp;env=</c> query parameters the admin API selects the environment by, with a leading
    /// <c>&amp;</c>, or empty.</summary>
    public string Query(ParseResult result)
    {
        var query = "";
        if (result.GetValue(App) is { Length: > 0 } app)
        {
            query += "&app=" + Uri.EscapeDataString(app);
        }

        if (result.GetValue(Env) is { Length: > 0 } env)
        {
            query += "&env=" + Uri.EscapeDataString(env);
        }

        return query;
    }
}

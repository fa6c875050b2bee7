using System.CommandLine;
using Fathom.Apps.Parameters;
using Fathom.Cli.Server;

namespace Fathom.Cli.Commands.Deploy;

/// <summary>`fathom deploy [DIR] --env NAME`: builds the app here, uploads the artifacts the server lacks, and has the
/// server validate and apply it as one release; prints what changed per function, the environment's URL and the release.</summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The application directory or its template file.", HelpName = "DIR|TEMPLATE", DefaultValueFactory = _ => "." };
        var env = new Option<string>("--env") { Description = "The environment to deploy to; its first deploy creates it.", HelpName = "ENV", Required = true };
        var app = new Option<string?>("--app") { Description = "The app name (default: the directory's name).", HelpName = "APP" };
        var overrides = new Option<string[]>("--parameter-overrides")
        {
            Description = "Template parameter values, as Key=Value; kept for the environment and reused by later deploys until replaced.",
            HelpName = "Key=Value",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var port = new Option<int?>("--port") { Description = "App port for an environment this deploy creates (default: the server's --port for the first, then the next free one).", HelpName = "PORT" };
        var json = new Option<bool>("--json") { Description = "One JSON document, as the API returns it." };
        var server = new Option<string?>("--server") { Description = "The server's admin URL (default: FATHOM_SERVER, ./.fathom/server.json, $XDG_DATA_HOME/fathom/server.json, http://127.0.0.1:9400).", HelpName = "URL" };
        var command = new Command("deploy", "Build an app and deploy it to an environment of a Fathom server: only changed artifacts are uploaded, the server validates it, then every alias moves at once. Exit codes: 0 deployed, 1 invalid app, failed build, refused or unreachable, 2 usage error.")
        {
            path, env, app, overrides, port, json, server,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            Dictionary<string, string>? parsed = null;
            if (result.GetValue(overrides) is { Length: > 0 } given)
            {
                parsed = ParameterOverrides.Parse(given, out var errors).ToDictionary(StringComparer.Ordinal);
                if (errors.Count > 0)
                {
                    throw new CliUsageException("--parameter-overrides: " + errors[0]);
                }
            }

            if (result.GetValue(port) is { } p && p is < 1 or > 65535)
            {
                throw new CliUsageException($"--port: {p} is not a port number (1-65535)");
            }

            var adminUrl = ServerLocator.Resolve(result.GetValue(server), Environment.CurrentDirectory);
            var deploy = new DeployClient(adminUrl, Console.Out, Console.Error, result.GetValue(json));
            return await deploy.RunAsync(result.GetValue(path)!, result.GetValue(app), result.GetValue(env)!, parsed, result.GetValue(port), cancellationToken);
        });
        return command;
    }
}

using System.CommandLine;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.RuntimeClient;

namespace Fathom.Cli.Commands.Runtimes;

/// <summary>`fathom runtimes install`: installs the Node runtime client into the shared cache (once per machine).</summary>
internal static class InstallCommand
{
    public static Command Create()
    {
        var node = new Option<string?>("--node") { Description = "The node executable functions run on (default: node on PATH).", HelpName = "PATH" };
        var command = new Command("install", "Install the Node.js runtime interface client (aws-lambda-ric) into the shared cache; fast when already there. Exit codes: 0 installed, 1 node not found or the build failed, 2 usage error.")
        {
            node,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var installation = NodeInstallation.Find(result.GetValue(node));
                var installer = new RuntimeClientInstaller(RuntimeDefaults.CacheDirectory());
                var version = RuntimeClientInstaller.VersionFor(installation.Major);
                if (!installer.IsInstalled(installation))
                {
                    await Console.Error.WriteLineAsync($"Installing aws-lambda-ric {version} for Node.js {installation.Version} (native build, about a minute) ...");
                }

                var entryPoint = await installer.EnsureInstalledAsync(installation, cancellationToken);
                Console.WriteLine($"aws-lambda-ric {version} for Node.js {installation.Version}: {entryPoint}");
                return 0;
            }
            catch (RuntimeClientInstallException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}

using Fathom.Packaging.Artifacts;
using Fathom.Packaging.Processes;

namespace Fathom.Packaging.Node;

/// <summary>Installs a Node.js function's production dependencies in its build directory.</summary>
internal sealed class NpmInstaller(ArtifactBuilderOptions options)
{
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["npm_config_update_notifier"] = "false",
        ["npm_config_fund"] = "false",
        ["npm_config_audit"] = "false",
    };

    /// <summary>Runs npm when the directory has a package.json; returns npm's output (empty when npm did not run).</summary>
    public async Task<string> InstallAsync(string directory, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(directory, "package.json")))
        {
            return "";
        }

        var locked = File.Exists(Path.Combine(directory, "package-lock.json"))
            || File.Exists(Path.Combine(directory, "npm-shrinkwrap.json"));
        string[] arguments =
        [
            locked ? "ci" : "install",
            "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", "--foreground-scripts",
        ];
        var command = "npm " + string.Join(' ', arguments);

        ToolResult result;
        try
        {
            result = await ToolRunner.RunAsync(options.NpmPath, arguments, directory, Environment, options.ToolTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ToolNotFoundException ex)
        {
            throw new BuildFailure($"{ex.Message} npm is needed to install the dependencies in package.json.", inner: ex);
        }

        if (result.TimedOut)
        {
            throw new BuildFailure($"`{command}` did not finish within {options.ToolTimeout.TotalSeconds:0} s.", result.Output);
        }

        if (result.ExitCode != 0)
        {
            throw new BuildFailure($"`{command}` exited with code {result.ExitCode}.", result.Output);
        }

        return result.Output;
    }
}

using Fathom.Apps.Config;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.RuntimeClient;

namespace Fathom.Server.Up;

/// <summary>What <c>fathom up</c> sets up for the runtime: the runtime client, the runtime settings of
/// <c>fathom.yaml</c>, the data directory.</summary>
public sealed partial class UpHost
{
    private async Task EnsureRuntimeClientAsync(RuntimeOptions runtimeOptions, CancellationToken cancellationToken)
    {
        if (!_app.Functions.Any(f => f.Runtime?.StartsWith("nodejs", StringComparison.Ordinal) == true))
        {
            return;
        }

        try
        {
            var node = NodeInstallation.Find(runtimeOptions.NodePath);
            var installer = new RuntimeClientInstaller(runtimeOptions.CacheDirectory, _options.TimeProvider);
            if (!installer.IsInstalled(node))
            {
                _console.Line($"Installing the Node.js runtime interface client for Node.js {node.Version} (once per machine; about a minute) ...");
            }

            await installer.EnsureInstalledAsync(node, cancellationToken);
        }
        catch (RuntimeClientInstallException e)
        {
            throw new UpException(e.Message, e);
        }
    }

    /// <summary>The <c>runtime:</c> settings of fathom.yaml; what the file leaves out keeps the runtime's default, and
    /// <c>--node</c> wins over <c>runtime.node</c>.</summary>
    internal static void ApplyRuntimeConfig(RuntimeConfig config, string appDirectory, RuntimeOptions options)
    {
        // A path such as ./tools/node is relative to the app, as documented; a bare name is looked up on PATH.
        if (options.NodePath is null && config.Node is { } node)
        {
            options.NodePath = node.Contains('/', StringComparison.Ordinal) ? Path.GetFullPath(node, appDirectory) : node;
        }

        if (config.MaxEnvironments is { } maxEnvironments)
        {
            options.MaxEnvironmentsPerFunction = maxEnvironments;
        }

        if (config.IdleTimeout is { } idleTimeout)
        {
            options.IdleTimeout = idleTimeout;
        }

        if (config.QueueLength is { } queueLength)
        {
            options.MaxQueueLength = queueLength;
        }
    }

    private static void PrepareDataDirectory(string directory)
    {
        Directory.CreateDirectory(directory);
        // Versions, artifacts, logs and the runtime's state: the platform's alone.
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var gitignore = Path.Combine(directory, ".gitignore");
        if (!File.Exists(gitignore))
        {
            File.WriteAllText(gitignore, "# Fathom's local state for this app (versions, artifacts, logs); not for version control.\n*\n");
        }
    }
}

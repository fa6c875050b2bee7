using System.Diagnostics;
using System.Globalization;

namespace Fathom.Runtime.RuntimeClient;

/// <summary>The node executable functions run on, and its version.</summary>
public sealed record NodeInstallation(string Path, string Version)
{
    /// <summary>The major version, e.g. 20.</summary>
    public int Major => int.Parse(Version.TrimStart('v').Split('.')[0], CultureInfo.InvariantCulture);

    /// <summary>Finds node (<paramref name="nodePath"/>, else <c>node</c> on PATH) and asks it its version.</summary>
    public static NodeInstallation Find(string? nodePath)
    {
        // A bare name (e.g. "node22") is looked up on PATH like a shell would; a path is used as given.
        var path = (nodePath is null || !nodePath.Contains('/', StringComparison.Ordinal) ? Processes.ProcessLauncher.FindExecutable(nodePath ?? "node") : nodePath)
            ?? throw new RuntimeClientInstallException("Node.js was not found on PATH; install it (e.g. 'apt-get install nodejs npm') or pass the path to node.");
        var startInfo = new ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        try
        {
            using var process = Process.Start(startInfo)!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode != 0 || !version.StartsWith('v'))
            {
                throw new RuntimeClientInstallException($"'{path} --version' failed (exit {process.ExitCode}).");
            }

            return new NodeInstallation(System.IO.Path.GetFullPath(path), version);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new RuntimeClientInstallException($"Cannot run node at '{path}': {ex.Message}");
        }
    }
}

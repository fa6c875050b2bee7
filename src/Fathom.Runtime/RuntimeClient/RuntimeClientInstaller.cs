using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Runtime.RuntimeClient;

/// <summary>Installs the Node runtime interface client (npm <c>aws-lambda-ric</c>) once per machine into
/// <c>&lt;cache&gt;/aws-lambda-ric/&lt;version&gt;</c>, with its native build. Two processes never build at once
/// (a file lock), and a half-done install is never visible (it is built in a temporary directory, then renamed).</summary>
public sealed partial class RuntimeClientInstaller
{
    /// <summary>The tools the native build runs (Debian packages in brackets where the name differs).</summary>
    private static readonly (string Command, string Package)[] BuildTools =
    [
        ("npm", "npm"), ("g++", "g++"), ("make", "make"), ("cmake", "cmake"), ("autoconf", "autoconf"),
        ("automake", "automake"), ("libtoolize", "libtool"), ("python3", "python3"),
    ];

    private readonly string _root;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates an installer for the cache directory (e.g. <c>~/.cache/fathom</c>).</summary>
    public RuntimeClientInstaller(string cacheDirectory, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _root = Path.Combine(cacheDirectory, "aws-lambda-ric");
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The newest aws-lambda-ric that supports a Node major: 4.x needs Node 22 or later.</summary>
    public static string VersionFor(int nodeMajor) => nodeMajor >= 22 ? "4.0.2" : "3.3.0";

    /// <summary>Where a version lives once installed.</summary>
    public string InstallDirectory(string version) => Path.Combine(_root, version);

    /// <summary>The script node runs: <c>node &lt;entry point&gt; &lt;handler&gt;</c>.</summary>
    public string EntryPoint(string version) => Path.Combine(InstallDirectory(version), "node_modules", "aws-lambda-ric", "bin", "index.mjs");

    /// <summary>True when the version for this node is installed and built.</summary>
    public bool IsInstalled(NodeInstallation node) => IsComplete(InstallDirectory(VersionFor(node.Major)));

    /// <summary>Installs the client for <paramref name="node"/> unless it is there; returns its entry point.</summary>
    /// <exception cref="RuntimeClientInstallException">The build tools are missing or npm failed.</exception>
    public async Task<string> EnsureInstalledAsync(NodeInstallation node, CancellationToken cancellationToken = default)
    {
        var version = VersionFor(node.Major);
        var target = InstallDirectory(version);
        if (IsComplete(target))
        {
            return EntryPoint(version);
        }

        Directory.CreateDirectory(_root);
        using var installLock = await AcquireLockAsync(cancellationToken);
        if (IsComplete(target))
        {
            return EntryPoint(version);
        }

        if (MissingToolsMessage(version, Environment.GetEnvironmentVariable("PATH")) is { } missing)
        {
            throw new RuntimeClientInstallException(missing);
        }

        var temporary = Path.Combine(_root, $".tmp-{version}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            Log.Installing(_logger, version, target);
            var started = _timeProvider.GetTimestamp();
            await InstallIntoAsync(temporary, version, node, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(temporary, "fathom-install.json"),
                JsonSerializer.Serialize(new Dictionary<string, string> { ["package"] = "aws-lambda-ric", ["version"] = version, ["node"] = node.Version }),
                cancellationToken);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(temporary, target);
            Log.Installed(_logger, version, _timeProvider.GetElapsedTime(started).TotalSeconds);
            return EntryPoint(version);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>Names the build tools not found on <paramref name="path"/>, with the line that installs them; null when none is missing.</summary>
    internal static string? MissingToolsMessage(string version, string? path)
    {
        var missing = BuildTools.Where(t => Processes.ProcessLauncher.FindExecutable(t.Command, path) is null).ToList();
        return missing.Count == 0
            ? null
            : $"Cannot build the Node runtime client (aws-lambda-ric {version}): missing {string.Join(", ", missing.Select(t => t.Command))}. "
                + $"Install them with: sudo apt-get install -y {string.Join(' ', missing.Select(t => t.Package).Distinct())}";
    }

    private static async Task InstallIntoAsync(string directory, string version, NodeInstallation node, CancellationToken cancellationToken)
    {
        // npm 11 skips dependency install scripts unless the project allows them; without the script there is no native build.
        await File.WriteAllTextAsync(Path.Combine(directory, "package.json"), """
            {
              "name": "fathom-runtime-client",
              "version": "1.0.0",
              "private": true,
              "allowScripts": { "aws-lambda-ric": true }
            }
            """, cancellationToken);

        var startInfo = new ProcessStartInfo(Processes.ProcessLauncher.FindExecutable("npm")!)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "install", "--foreground-scripts", "--no-audit", "--no-fund", $"aws-lambda-ric@{version}" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        // node-gyp downloads headers unless told where they are; offline that download fails.
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(node.Path))!;
        if (Directory.Exists(Path.Combine(prefix, "include", "node")))
        {
            startInfo.ArgumentList.Add($"--nodedir={prefix}");
        }

        startInfo.Environment["PATH"] = Path.GetDirectoryName(node.Path) + ":" + Environment.GetEnvironmentVariable("PATH");

        using var process = Process.Start(startInfo)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        await process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(stdout, stderr);
        var addon = Path.Combine(directory, "node_modules", "aws-lambda-ric", "dist", "rapid-client.node");
        if (process.ExitCode != 0 || !File.Exists(addon))
        {
            var tail = string.Join('\n', output.ToString().Split('\n').TakeLast(30));
            throw new RuntimeClientInstallException(process.ExitCode != 0
                ? $"npm install aws-lambda-ric@{version} failed (exit {process.ExitCode}):\n{tail}"
                : $"npm installed aws-lambda-ric@{version} but skipped its native build (no dist/rapid-client.node):\n{tail}");
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_root, ".install.lock");
        var waiting = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix, released when the handle closes.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (!waiting)
                {
                    Log.WaitingForLock(_logger, path);
                    waiting = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), _timeProvider, cancellationToken);
            }
        }
    }

    private static bool IsComplete(string directory) =>
        File.Exists(Path.Combine(directory, "fathom-install.json"))
        && File.Exists(Path.Combine(directory, "node_modules", "aws-lambda-ric", "bin", "index.mjs"));
}

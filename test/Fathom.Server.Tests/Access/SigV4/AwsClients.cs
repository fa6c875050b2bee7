using System.Diagnostics;

namespace Fathom.Server.Tests.Access.SigV4;

/// <summary>The real AWS clients, signing with the credentials given: the Debian aws CLI v2, pyenv's aws CLI v1 and
/// the JS SDK v3 in testassets/sdk. Each CLI run gets an empty home and config, so nothing on the machine leaks in.</summary>
internal static class AwsClients
{
    /// <summary>Debian's awscli package; a pyenv shim for CLI v1 may come first on PATH, so it is called by its full path.</summary>
    public const string V2 = "/usr/bin/aws";

    /// <summary>CLI v1 as pyenv installed it, called directly: its shim needs the real HOME, which each run replaces.</summary>
    public static string V1 { get; } = Directory.Exists(PyenvVersions)
        ? Directory.GetFiles(PyenvVersions, "aws", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 })
            .Where(p => Path.GetFileName(Path.GetDirectoryName(p)) == "bin").Order(StringComparer.Ordinal).FirstOrDefault() ?? "(aws CLI v1 not found under ~/.pyenv)"
        : "(no ~/.pyenv)";

    public static string Sdk { get; } = Path.Combine(FindRoot(), "testassets", "sdk");

    private static string PyenvVersions => Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions");

    /// <summary>Runs <c>aws ARGS --endpoint-url ENDPOINT --output json</c> with the key; <c>{home}/out.json</c> in an argument names a
    /// file in the run's home for <c>lambda invoke</c>, whose content is returned beside the output.</summary>
    public static async Task<ClientResult> CliAsync(string cli, Uri endpoint, string keyId, string secret, params string[] args)
    {
        var home = Directory.CreateTempSubdirectory("fathom-sigv4-aws-").FullName;
        try
        {
            string[] common = cli == V2 ? ["--no-cli-pager", "--output", "json"] : ["--output", "json"];
            var result = await RunAsync(cli, [.. args.Select(a => a.Replace("{home}", home, StringComparison.Ordinal)), "--endpoint-url", endpoint.ToString().TrimEnd('/'), .. common], home,
                new Dictionary<string, string>
                {
                    ["AWS_ACCESS_KEY_ID"] = keyId,
                    ["AWS_SECRET_ACCESS_KEY"] = secret,
                    ["AWS_DEFAULT_REGION"] = "us-east-1",
                    ["AWS_CONFIG_FILE"] = Path.Combine(home, "config"),
                    ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "credentials"),
                    ["AWS_EC2_METADATA_DISABLED"] = "true",
                    ["AWS_MAX_ATTEMPTS"] = "1",
                    ["HOME"] = home,
                });
            var outFile = Path.Combine(home, "out.json");
            return result with { Payload = File.Exists(outFile) ? await File.ReadAllTextAsync(outFile) : null };
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>Runs testassets/sdk/signed.mjs: invokes each function, lists functions, reads the first one's configuration.</summary>
    public static Task<ClientResult> SdkAsync(Uri endpoint, string keyId, string secret, params string[] functions) =>
        RunAsync("node", ["signed.mjs", endpoint.ToString().TrimEnd('/'), .. functions], Sdk,
            new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = keyId, ["AWS_SECRET_ACCESS_KEY"] = secret });

    private static async Task<ClientResult> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in time");
        }

        return new ClientResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fathom.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Fathom.slnx not found above " + AppContext.BaseDirectory);
    }
}

internal sealed record ClientResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>What <c>lambda invoke</c> wrote to its outfile.</summary>
    public string? Payload { get; init; }

    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}

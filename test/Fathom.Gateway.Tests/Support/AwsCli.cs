using System.Diagnostics;

namespace Fathom.Gateway.Tests.Support;

/// <summary>Runs the real aws CLI v2 (Debian's, at /usr/bin/aws) against a local endpoint with fake credentials.</summary>
internal static class AwsCli
{
    public const string Path = "/usr/bin/aws";

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Uri endpoint, params string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Concat(["--endpoint-url", endpoint.ToString().TrimEnd('/'), "--no-cli-pager", "--output", "json"]))
        {
            start.ArgumentList.Add(arg);
        }

        var home = Directory.CreateTempSubdirectory("fathom-aws-").FullName;
        start.Environment["AWS_ACCESS_KEY_ID"] = "x";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "x";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = System.IO.Path.Combine(home, "config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = System.IO.Path.Combine(home, "credentials");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["HOME"] = home;
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}

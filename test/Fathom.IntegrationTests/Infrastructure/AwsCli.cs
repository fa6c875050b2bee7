namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>The real aws CLI v2 from Debian's awscli package, with fake credentials and its own empty config.
/// Called by its full path: a pyenv shim for CLI v1 may come first on PATH.</summary>
internal static class AwsCli
{
    public const string Path = "/usr/bin/aws";

    public static Task<CliResult> RunAsync(Uri endpoint, params string[] args) => RunAsync(endpoint, ("x", "x"), args);

    /// <summary>With an access key a <c>fathom server</c> issued (<c>FathomServerProcess.CreateAwsKeyAsync</c>).</summary>
    public static async Task<CliResult> RunAsync(Uri endpoint, (string AccessKeyId, string SecretAccessKey) key, params string[] args)
    {
        var home = Directory.CreateTempSubdirectory("fathom-aws-").FullName;
        try
        {
            return await ExternalProcess.RunAsync(
                Path,
                [.. args, "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--no-cli-pager", "--output", "json"],
                workingDirectory: home,
                environment: new Dictionary<string, string>
                {
                    ["AWS_ACCESS_KEY_ID"] = key.AccessKeyId,
                    ["AWS_SECRET_ACCESS_KEY"] = key.SecretAccessKey,
                    ["AWS_DEFAULT_REGION"] = "us-east-1",
                    ["AWS_CONFIG_FILE"] = System.IO.Path.Combine(home, "config"),
                    ["AWS_SHARED_CREDENTIALS_FILE"] = System.IO.Path.Combine(home, "credentials"),
                    ["AWS_EC2_METADATA_DISABLED"] = "true",
                    ["AWS_MAX_ATTEMPTS"] = "1",
                    ["HOME"] = home,
                },
                timeout: TimeSpan.FromSeconds(90));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}

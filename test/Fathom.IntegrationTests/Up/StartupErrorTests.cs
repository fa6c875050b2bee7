using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary><c>fathom up</c> refusing to start: a clear one-line reason and exit code 1.</summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task Up_AppPortInUse_Exits1NamingThePort()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

            var result = await FathomCli.RunAsync(app.Directory, ["up", app.Directory, "--port", port, "--admin-port", "0"], timeout: TimeSpan.FromMinutes(5));

            result.ExitCode.Should().Be(1, result.ToString());
            var output = result.StandardOutput + result.StandardError;
            output.Should().Contain($"port {port} is already in use");
            output.Should().NotContain("   at ", "a port in use is a one-line message, not a stack trace");
            File.Exists(Path.Combine(app.Directory, ".fathom", "server.json")).Should().BeFalse();
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task Up_RoutesTheGatewayRefuses_Exits1WithOneLineNotAStackTrace()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        var template = app.PathOf("template.yaml");
        await File.WriteAllTextAsync(template, (await File.ReadAllTextAsync(template, TestContext.Current.CancellationToken))
            .Replace("Globals:\n", "Globals:\n  HttpApi:\n    CorsConfiguration: {AllowOrigins: ['*'], AllowCredentials: true}\n", StringComparison.Ordinal),
            TestContext.Current.CancellationToken);

        var result = await FathomCli.RunAsync(app.Directory, ["up", app.Directory, "--port", "0", "--admin-port", "0"], timeout: TimeSpan.FromMinutes(5));

        result.ExitCode.Should().Be(1, result.ToString());
        var output = result.StandardOutput + result.StandardError;
        output.Should().Contain("route GET /greet (Greeter): CORS AllowCredentials cannot be combined with the '*' origin");
        output.Should().NotContain("   at ", "a refused route is a message, not a stack trace");
        File.Exists(Path.Combine(app.Directory, ".fathom", "server.json")).Should().BeFalse();
    }

    [Fact]
    public async Task Up_EnvVarsFileMissing_Exits1NamingTheFile()
    {
        using var app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "config"));
        var missing = app.PathOf("no-such-env.json");

        var result = await FathomCli.RunAsync(app.Directory, ["up", app.Directory, "--port", "0", "--admin-port", "0", "--env-vars", missing], timeout: TimeSpan.FromMinutes(5));

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardError.Should().Contain(missing).And.Contain("not found");
        File.Exists(Path.Combine(app.Directory, ".fathom", "server.json")).Should().BeFalse();
    }
}

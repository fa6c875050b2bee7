using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Server;

/// <summary>What survives a restart of `fathom server`: every environment on its recorded port, serving its live
/// versions, without a rebuild.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_TwoEnvironments_ServeAgainOnTheSamePortsAndVersions()
    {
        var data = Path.Combine(Path.GetTempPath(), "fathom-srv-restart-" + Guid.NewGuid().ToString("N")[..12]);
        using var app = DeployServerFixture.CopyApp();
        await using var server = await FathomServerProcess.StartAsync(data);
        try
        {
            var (_, prod) = await server.DeployAsync(app.Directory, "--app", "shop", "--env", "prod");
            File.WriteAllText(app.PathOf("beta/index.js"), File.ReadAllText(app.PathOf("beta/index.js")).Replace("'v1'", "'v2'", StringComparison.Ordinal));
            await server.DeployAsync(app.Directory, "--app", "shop", "--env", "prod");
            var (_, staging) = await server.DeployAsync(app.Directory, "--app", "shop", "--env", "staging");
            var prodUrl = new Uri((string)prod!["url"]!);
            var stagingUrl = new Uri((string)staging!["url"]!);
            // Nothing left to rebuild from: only the server's data directory remains.
            Directory.Delete(Path.Combine(app.Directory, ".fathom"), recursive: true);

            await server.RestartAsync();

            var beta = await DeployServerFixture.GetJsonAsync(prodUrl, "beta");
            ((string?)beta["code"]).Should().Be("v2");
            ((string?)beta["version"]).Should().Be("2");
            var alpha = await DeployServerFixture.GetJsonAsync(stagingUrl, "alpha");
            ((string?)alpha["greeting"]).Should().Be("hello-from-staging");
            server.Output.Should().Contain($"shop/prod: {prodUrl.ToString().TrimEnd('/')}");
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }
}

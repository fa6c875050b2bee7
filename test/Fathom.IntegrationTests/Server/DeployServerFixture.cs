using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Server;

/// <summary>One `fathom server` for a test class, with testassets/apps/deploy (three functions) deployed to
/// <c>shop/prod</c> by the first deploy, which also created that environment.</summary>
public sealed class DeployServerFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fathom-srv-" + Guid.NewGuid().ToString("N")[..12]);
    private FathomServerProcess? _server;

    internal FathomServerProcess Server => _server ?? throw new InvalidOperationException("fathom server has not started");

    /// <summary>The first deploy's output.</summary>
    internal CliResult FirstDeploy { get; private set; } = null!;

    /// <summary>The prod environment's app-traffic URL.</summary>
    internal Uri ProdUrl { get; private set; } = null!;

    /// <summary>A fresh copy of the app, for a test to edit and deploy under an app name of its own.</summary>
    internal static TempApp CopyApp() => TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "deploy"));

    public async ValueTask InitializeAsync()
    {
        _server = await FathomServerProcess.StartAsync(_data);
        using var app = CopyApp();
        var (result, document) = await _server.DeployAsync(app.Directory, "--app", "shop", "--env", "prod");
        FirstDeploy = result;
        if (document is null)
        {
            throw new InvalidOperationException($"the first deploy failed: {result}\n{_server.Output}");
        }

        ProdUrl = new Uri((string)document["url"]!);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static async Task<JsonNode> GetJsonAsync(Uri baseUrl, string path)
    {
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!
            : throw new InvalidOperationException($"GET {baseUrl}{path} answered {(int)response.StatusCode}: {text}");
    }
}

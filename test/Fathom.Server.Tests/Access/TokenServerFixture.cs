using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fathom.Runtime.Hosting;
using Fathom.Server.Hosting;

namespace Fathom.Server.Tests.Access;

/// <summary>One real <c>fathom server</c> host (in process, real Kestrel on a free port, real <c>access.db</c>) shared by
/// the access tests: the owner token it made on its first start, and clients sending any token.</summary>
public sealed class TokenServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("fathom-access");
    private readonly StringWriter _output = new();
    private ServerHost? _host;

    internal ServerHost Host => _host ?? throw new InvalidOperationException("not started");

    public string DataDirectory => _directory.Combine("data");

    public string Output => _output.ToString();

    public Uri AdminUrl => Host.AdminUrl;

    public string OwnerToken { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _host = await ServerHost.StartAsync(new ServerHostOptions
        {
            DataDirectory = DataDirectory,
            AppPort = 0,
            AdminPort = 0,
            Output = _output,
            AllowedWeakerIsolation = FunctionRuntime.ProbeMissingDefences(new RuntimeOptions { StateDirectory = Path.Combine(DataDirectory, "runtime") }).Select(m => m.Defence).ToHashSet(),
        }, TestContext.Current.CancellationToken);
        OwnerToken = (string)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "server.json")))!["token"]!;
    }

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = AdminUrl };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task<string> CreateTokenAsync(string name, string role, string? app = null, string? env = null)
    {
        using var client = Client(OwnerToken);
        using var response = await client.PostAsJsonAsync("fathom/v1/tokens", new { name, role, app, env }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return (string)JsonNode.Parse(body)!["secret"]!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _directory.Dispose();
    }
}

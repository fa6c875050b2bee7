using System.Diagnostics;
using System.Text.Json.Nodes;
using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Releases;

/// <summary>One <c>fathom up</c> of testassets/apps/reload (Greeter and Steady, separate code) with the default warm
/// period, for tests that reload, read the history and roll back. Each test works from whatever release is live when
/// it starts.</summary>
public sealed class ReleasesAppFixture : IAsyncLifetime
{
    private TempApp? _app;
    private FathomUp? _up;

    internal TempApp App => _app ?? throw new InvalidOperationException("fathom up has not started");

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "reload"));
        _up = await FathomUp.StartAsync(_app.Directory);
        await _up.WarmUpAsync("/greet");
        await _up.WarmUpAsync("/steady");
    }

    public async ValueTask DisposeAsync()
    {
        if (_up is not null)
        {
            await _up.DisposeAsync();
        }

        _app?.Dispose();
    }

    /// <summary>Makes the Greeter answer <paramref name="body"/> by saving its handler, and waits until the route does.</summary>
    internal async Task SaveGreeterAsync(string body)
    {
        var handler = App.PathOf("src/greeter.js");
        var code = await File.ReadAllTextAsync(handler);
        var start = code.IndexOf("body: '", StringComparison.Ordinal) + "body: '".Length;
        var end = code.IndexOf('\'', start);
        await File.WriteAllTextAsync(handler, code[..start] + body + code[end..]);
        await WaitForGreetingAsync(body, "the reload");
    }

    internal async Task<string> GreetAsync()
    {
        using var client = Up.AppClient();
        return await client.GetStringAsync("/greet?ms=0");
    }

    internal async Task WaitForGreetingAsync(string body, string after)
    {
        var deadline = Stopwatch.StartNew();
        string last;
        while ((last = await GreetAsync()) != body)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"after {after}, /greet still answers '{last}', not '{body}':\n{Up.Output}");
            }

            await Task.Delay(50);
        }
    }

    internal async Task<JsonNode> AdminAsync(string path)
    {
        using var client = Up.AdminClient();
        return JsonNode.Parse(await client.GetStringAsync(path))!;
    }

    internal async Task<int> LiveReleaseAsync() => (await AdminAsync("fathom/v1/releases?limit=1"))["live"]!.GetValue<int>();
}

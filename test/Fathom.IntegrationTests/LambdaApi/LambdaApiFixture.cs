using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.LambdaApi;

/// <summary>`fathom up testassets/apps/lambda-api` with a second version of <c>Versioned</c> published by an edit and
/// a reload, shared by the Lambda management API tests of one class.</summary>
public sealed class LambdaApiFixture : IAsyncLifetime
{
    public const string Versioned = "Versioned";
    public const string Slow = "Slow";

    private TempApp? _app;
    private FathomUp? _up;

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "lambda-api"));
        _up = await FathomUp.StartAsync(_app.Directory);
        await _up.WarmUpAsync("/version");

        var handler = _app.PathOf("src/versioned.js");
        await File.WriteAllTextAsync(handler, (await File.ReadAllTextAsync(handler)).Replace("'first'", "'second'", StringComparison.Ordinal));
        await _up.WaitForOutputAsync($"{Versioned}: version 1 → 2", TimeSpan.FromSeconds(60));
        await _up.WarmUpAsync("/version");
    }

    public async ValueTask DisposeAsync()
    {
        if (_up is not null)
        {
            await _up.DisposeAsync();
        }

        _app?.Dispose();
    }
}

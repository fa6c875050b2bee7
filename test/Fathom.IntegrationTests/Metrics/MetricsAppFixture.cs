using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Metrics;

/// <summary>`fathom up testassets/apps/metrics`, shared by the tests of one class.</summary>
public sealed class MetricsAppFixture : IAsyncLifetime
{
    private TempApp? _app;
    private FathomUp? _up;

    internal TempApp App => _app ?? throw new InvalidOperationException("the app has not been copied");

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "metrics"));
        _up = await FathomUp.StartAsync(_app.Directory, "--no-watch");
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

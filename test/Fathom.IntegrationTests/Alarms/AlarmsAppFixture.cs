using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Alarms;

/// <summary>`fathom up testassets/apps/alarms`, shared by the tests of one class.</summary>
public sealed class AlarmsAppFixture : IAsyncLifetime
{
    private TempApp? _app;
    private FathomUp? _up;

    internal TempApp App => _app ?? throw new InvalidOperationException("the app has not been copied");

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "alarms"));
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

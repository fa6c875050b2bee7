using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Logs;

/// <summary>`fathom up testassets/apps/logs`, shared by the logs tests of one class, warmed up.</summary>
public sealed class LogsAppFixture : IAsyncLifetime
{
    private TempApp? _app;
    private FathomUp? _up;

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "logs"));
        _up = await FathomUp.StartAsync(_app.Directory);
        await _up.WarmUpAsync("/text?id=warm");
        await _up.WarmUpAsync("/json?id=warm");
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

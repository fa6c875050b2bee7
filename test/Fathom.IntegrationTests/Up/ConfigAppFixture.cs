using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Up;

/// <summary><c>fathom up</c> of testassets/apps/config (REST API only) with <c>--env-vars env-vars.json</c> and
/// <c>--parameter-overrides Stage=prod</c>.</summary>
public sealed class ConfigAppFixture : IAsyncLifetime
{
    private TempApp? _app;
    private FathomUp? _up;

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "config"));
        _up = await FathomUp.StartAsync(_app.Directory, "--env-vars", _app.PathOf("env-vars.json"), "--parameter-overrides", "Stage=prod");
        await _up.WarmUpAsync("/config");
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

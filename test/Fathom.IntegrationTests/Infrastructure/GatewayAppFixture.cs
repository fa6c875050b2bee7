namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>One <c>fathom up</c> of testassets/apps/gateway shared by the gateway and Invoke API tests: a start costs
/// seconds, so each test class asserts against the same running server.</summary>
public sealed class GatewayAppFixture : IAsyncLifetime
{
    public const string EchoRest = "EchoRest";
    public const string EchoHttp = "EchoHttp";
    public const string Shapes = "Shapes";
    public const string Failing = "Failing";
    public const string Slow = "Slow";
    public const string Throttled = "Throttled";

    private TempApp? _app;
    private FathomUp? _up;

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "gateway"));
        _up = await FathomUp.StartAsync(_app.Directory);
        await _up.WarmUpAsync("/http/items/warm-up");
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

using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Alarms;

/// <summary>`fathom up testassets/apps/alarms`, shared by the tests of one class, with a webhook channel in its
/// `fathom.yaml` pointing at a real receiver.</summary>
public sealed class AlarmsAppFixture : IAsyncLifetime
{
    private TempApp? _app;
    private FathomUp? _up;
    private HttpReceiver? _webhook;

    internal TempApp App => _app ?? throw new InvalidOperationException("the app has not been copied");

    internal HttpReceiver Webhook => _webhook ?? throw new InvalidOperationException("the receiver has not started");

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "alarms"));
        _webhook = await HttpReceiver.StartAsync();
        await File.WriteAllTextAsync(_app.PathOf("fathom.yaml"), $"""
            notifications:
              channels:
                ops:
                  type: webhook
                  url: {_webhook.Url}
            """);
        _up = await FathomUp.StartAsync(_app.Directory, "--no-watch");
    }

    public async ValueTask DisposeAsync()
    {
        if (_up is not null)
        {
            await _up.DisposeAsync();
        }

        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }

        _app?.Dispose();
    }
}

using Fathom.IntegrationTests.Infrastructure;

namespace Fathom.IntegrationTests.Authorizers;

/// <summary>One <c>fathom up</c> of testassets/apps/authorizers for every authorizer test, with a JWKS file written
/// from a key the test generated (fathom.yaml points the test issuer at it), so nothing reaches the network.</summary>
public sealed class AuthorizerAppFixture : IAsyncLifetime
{
    private TempApp? _app;
    private FathomUp? _up;

    internal FathomUp Up => _up ?? throw new InvalidOperationException("fathom up has not started");

    internal TestTokens Tokens { get; } = new();

    public async ValueTask InitializeAsync()
    {
        _app = TempApp.CopyOf(Path.Combine(RepoPaths.TestAssets, "apps", "authorizers"));
        await File.WriteAllTextAsync(_app.PathOf("jwks.json"), Tokens.Jwks());
        _up = await FathomUp.StartAsync(_app.Directory);
        await _up.WarmUpAsync("/open");
    }

    public async ValueTask DisposeAsync()
    {
        if (_up is not null)
        {
            await _up.DisposeAsync();
        }

        Tokens.Dispose();
        _app?.Dispose();
    }
}

using Fathom.Gateway.Authorizers.Jwt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Gateway.Tests.Authorizers;

public sealed class JwksProviderTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"fathom-jwks-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task GetAsync_UnknownKid_RefetchedOnlyAfterTheFloor()
    {
        var time = new FakeTimeProvider();
        using var provider = new JwksProvider(time, NullLogger<JwksProvider>.Instance);
        await File.WriteAllTextAsync(_file, Jwks("a"), TestContext.Current.CancellationToken);
        (await provider.GetAsync("iss", _file, "a", TestContext.Current.CancellationToken))!.Find("a").Should().NotBeNull();

        await File.WriteAllTextAsync(_file, Jwks("b"), TestContext.Current.CancellationToken);
        (await provider.GetAsync("iss", _file, "b", TestContext.Current.CancellationToken))!.Find("b").Should().BeNull("a refetch within the floor is refused");

        time.Advance(JwksProvider.RefetchFloor);
        (await provider.GetAsync("iss", _file, "b", TestContext.Current.CancellationToken))!.Find("b").Should().NotBeNull();
    }

    [Fact]
    public async Task GetAsync_KeysCannotBeRead_Null()
    {
        using var provider = new JwksProvider(new FakeTimeProvider(), NullLogger<JwksProvider>.Instance);

        (await provider.GetAsync("iss", _file + ".missing", "a", TestContext.Current.CancellationToken)).Should().BeNull();
    }

    public void Dispose() => File.Delete(_file);

    private static string Jwks(string kid) => $$"""{"keys":[{"kty":"RSA","kid":"{{kid}}","n":"AQAB","e":"AQAB"}]}""";
}

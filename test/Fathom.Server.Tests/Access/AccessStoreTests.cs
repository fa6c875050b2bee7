using Fathom.Server.Access;
using Fathom.Server.Access.Store;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Server.Tests.Access;

/// <summary>The token store over a real <c>access.db</c>: what the SigV4 scheme gets from <see cref="IAwsAccessKeys"/>,
/// and what is (not) kept on disk.</summary>
public sealed class AccessStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new("fathom-access-store");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Find_IssuedAwsKey_GivesItsSecretAndScope_UntilExpiredOrRevoked()
    {
        using var store = AccessStore.Open(_directory.Path, _time);
        var created = store.Create(new CredentialRequest("ci", AccessRole.Invoke, "shop", "prod", _time.GetUtcNow().AddDays(1), Aws: true), "owner", "127.0.0.1");
        var other = store.Create(new CredentialRequest("other", AccessRole.Read, null, null, null, Aws: true), "owner", null);

        var found = store.Find(created.Credential.Id);
        store.Revoke("other", "owner", null);
        var revoked = store.Find(other.Credential.Id);
        _time.Advance(TimeSpan.FromDays(2));
        var expired = store.Find(created.Credential.Id);

        found.Should().BeEquivalentTo(new AwsAccessKey(created.Credential.Id, created.Secret, "ci", AccessRole.Invoke, "shop", "prod", _time.GetUtcNow().AddDays(-1)));
        revoked.Should().BeNull();
        expired.Should().BeNull();
        store.Find("AKIAUNKNOWN0000000000").Should().BeNull();
    }

    [Fact]
    public void AwsSecret_IsSealedOnDisk_AndUselessUnderAnotherKeyFile()
    {
        string id, secret;
        using (var store = AccessStore.Open(_directory.Path, _time))
        {
            var created = store.Create(new CredentialRequest("ci", AccessRole.Admin, null, null, null, Aws: true), "owner", null);
            (id, secret) = (created.Credential.Id, created.Secret);
        }

        File.ReadAllText(_directory.Combine(AccessStore.FileName)).Should().NotContain(secret);
        File.Delete(_directory.Combine("access.key"));
        using var reopened = AccessStore.Open(_directory.Path, _time);

        reopened.Find(id).Should().BeNull("a database copied without its key file gives no secret away");
    }

    [Fact]
    public void AuthenticateBearer_WrongSecretForARealId_IsRefused()
    {
        using var store = AccessStore.Open(_directory.Path, _time);
        var token = store.Create(new CredentialRequest("ci", AccessRole.Read, null, null, null, Aws: false), "owner", null).Secret;

        store.AuthenticateBearer(token)!.Name.Should().Be("ci");
        store.AuthenticateBearer(token[..^2] + "xx").Should().BeNull();
        store.AuthenticateBearer("not a token").Should().BeNull();
    }

    [Fact]
    public void Create_NameOfALiveToken_IsRefused_ButFreeAgainAfterRevoke()
    {
        using var store = AccessStore.Open(_directory.Path, _time);
        var request = new CredentialRequest("ci", AccessRole.Read, null, null, null, Aws: false);
        store.Create(request, "owner", null);

        var again = () => store.Create(request, "owner", null);

        again.Should().Throw<AccessStoreException>().WithMessage("*already exists*");
        store.Revoke("ci", "owner", null);
        again.Should().NotThrow();
    }

    public void Dispose() => _directory.Dispose();
}

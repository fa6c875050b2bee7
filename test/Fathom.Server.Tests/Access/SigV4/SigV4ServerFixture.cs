using Fathom.Platform.Access;
using Fathom.Server.Access;
using Fathom.Server.Access.Store;
using Fathom.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Tests.Access.SigV4;

/// <summary>One real <c>FathomServer</c> (function <c>hello</c>, version 1 behind alias <c>live</c>) whose
/// AWS-shaped routes require SigV4 (token mode), checked against a key store holding one key: the only fake, the seam
/// <c>fathom token create --aws</c> keys fill.</summary>
public sealed class SigV4ServerFixture : IAsyncLifetime
{
    public const string KeyId = "AKIAFATHOMSIGV4TEST1";
    public const string Secret = "fAtH0m/SigV4+TestSecret/0123456789abcdefgh";
    public const string KeyName = "ci-invoker";

    /// <summary>An endpoint answering the caller's claims as a JSON object (plus <c>name</c>: the identity's name).</summary>
    public const string WhoAmI = "/test/whoami";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("fathom-sigv4-");
    private TestServer? _test;
    private AccessStore? _store;

    public Uri AdminUrl => _test!.Server.AdminUrl;

    public async ValueTask InitializeAsync()
    {
        _store = AccessStore.Open(_data.FullName, TimeProvider.System);
        _test = await TestServer.CreateAsync(
            configure: options => options.Access = new AccessOptions { Mode = AccessMode.Tokens, Store = _store },
            services: services =>
        {
            services.AddSingleton<IAwsAccessKeys>(new OneKey(new AwsAccessKey(KeyId, Secret, KeyName, AccessRole.Invoke, App: null, Environment: null, Expires: null)));
        },
            mapAdminEndpoints: endpoints => endpoints.MapMethods(WhoAmI, ["GET", "POST"], (HttpContext context) =>
                context.User.Claims.Select(c => new[] { c.Type, c.Value }).Append(["name", context.User.Identity?.Name ?? ""])
                    .ToDictionary(c => c[0], c => c[1])).RequireAuthorization(AccessPolicies.Invoke));
        await _test.Server.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_test is not null)
        {
            await _test.DisposeAsync();
        }

        _store?.Dispose();
        _data.Delete(recursive: true);
    }

    private sealed class OneKey(AwsAccessKey key) : IAwsAccessKeys
    {
        public AwsAccessKey? Find(string accessKeyId) => string.Equals(accessKeyId, key.AccessKeyId, StringComparison.Ordinal) ? key : null;
    }
}

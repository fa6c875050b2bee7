using Fathom.Platform.Access;
using Fathom.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Tests.Access.Browser;

/// <summary>One started <see cref="TestServer"/> per test class: the admin port answers to <see cref="PublicName"/> as
/// well as loopback, its one function counts its own invocations (so a test can prove one did not run), and
/// <c>GET /fathom/v1/test/caller</c> says whom the JSON API sees.</summary>
public sealed class BrowserServerFixture : IAsyncLifetime
{
    public const string PublicName = "fathom.test";

    private const string CountingTemplate = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          counter:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: "let n = 0; exports.handler = async () => ({ count: ++n });"
              Handler: index.handler
              Runtime: nodejs20.x
        """;

    private TestServer? _server;

    public Uri AdminUrl => _server!.Server.AdminUrl;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.CreateAsync(
            template: CountingTemplate,
            configure: options => options.PublicNames = [PublicName],
            mapAdminEndpoints: endpoints => endpoints.MapGet("/fathom/v1/test/caller", (HttpContext context) => new
            {
                authenticated = context.User.Identity?.IsAuthenticated == true,
                name = context.User.Identity?.Name,
            }).RequireAuthorization(AccessPolicies.Read));
        await _server.Server.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

using Fathom.Platform.Endpoint;
using Fathom.Runtime.RuntimeApi;

namespace Fathom.Runtime.PlatformEndpoint;

/// <summary>
/// Serves one environment's platform endpoint (DESIGN.md "The platform endpoint inside the sandbox") on the listener
/// its isolation prepared: 127.0.0.1:9002 inside the environment's network namespace. Each request is stamped with
/// the environment's identity and answered by the allowlisted route, or 404 / 405; nothing else of the platform is
/// reachable through it. It reuses the Runtime API's small HTTP/1.1 server: same strict parsing, same limits.
/// </summary>
internal sealed class PlatformEndpointServer : IRuntimeApiHandler, IAsyncDisposable
{
    /// The port the endpoint listens on inside an environment's namespace.
    public const int Port = 9002;

    private readonly PlatformEndpointRoutes _routes;
    private readonly SandboxCaller _caller;
    private readonly RuntimeApiServer _server;

    public PlatformEndpointServer(System.Net.Sockets.Socket listener, PlatformEndpointRoutes routes, SandboxCaller caller)
    {
        _routes = routes;
        _caller = caller;
        _server = new RuntimeApiServer(listener, this);
        _server.Start();
    }

    /// The <c>host:port</c> the endpoint listens on, as seen from inside the environment.
    public string Address => _server.Address;

    public async ValueTask<RuntimeApiResponse> HandleAsync(RuntimeApiRequest request, CancellationToken cancellationToken)
    {
        if (request.BodyTooLarge)
        {
            return RuntimeApiResponse.Json(413, """{"message":"Request body too large"}""", close: true);
        }

        var route = _routes.Resolve(request.Method, request.Path);
        if (route.Handler is null)
        {
            return route.PathKnown
                ? RuntimeApiResponse.Json(405, """{"message":"Method not allowed"}""")
                : RuntimeApiResponse.Json(404, """{"message":"Not found: the platform endpoint serves only what the platform offers functions"}""");
        }

        var response = await route.Handler(new PlatformEndpointRequest
        {
            Method = request.Method,
            Path = request.Path,
            Query = request.Query,
            Headers = request.Headers,
            Body = request.Body,
            Caller = _caller,
        }, cancellationToken).ConfigureAwait(false);
        return new RuntimeApiResponse { Status = response.Status, Body = response.Body, ContentType = response.ContentType, Headers = response.Headers };
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

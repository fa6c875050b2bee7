using System.Collections.Immutable;

namespace Fathom.Platform.Endpoint;

/// <summary>
/// The allowlist of the platform endpoint every sandbox sees at <c>127.0.0.1:9002</c>: the only way from a function
/// to the platform. Only paths mapped here answer; everything else (the admin API included) is 404, so a function can
/// reach exactly what features chose to offer it. Features map their paths when they are composed into the host;
/// <see cref="HealthPath"/> is always there.
/// </summary>
public sealed class PlatformEndpointRoutes
{
    /// <summary>Answers <c>GET</c> with 200 and who the caller is: lets a function (and a test) see the endpoint is up.</summary>
    public const string HealthPath = "/health";

    private ImmutableArray<Route> _routes;
    private ImmutableArray<PlatformVariables> _variables = [];

    /// <summary>Creates the routes with <see cref="HealthPath"/> mapped.</summary>
    public PlatformEndpointRoutes()
    {
        _routes = [new Route("GET", HealthPath, Prefix: false, Health)];
    }

    /// <summary>The result of looking a request up.</summary>
    /// <param name="Handler">The handler, when the path and method are mapped.</param>
    /// <param name="PathKnown">Whether the path is mapped for some method (405 rather than 404).</param>
    public readonly record struct Resolution(PlatformEndpointHandler? Handler, bool PathKnown);

    /// <summary>Serves <paramref name="method"/> on exactly <paramref name="path"/>.</summary>
    public void Map(string method, string path, PlatformEndpointHandler handler) => Add(new Route(method, path, Prefix: false, handler));

    /// <summary>Serves <paramref name="method"/> on every path under <paramref name="prefix"/> (which ends with <c>/</c>).</summary>
    public void MapPrefix(string method, string prefix, PlatformEndpointHandler handler)
    {
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException("A prefix ends with '/', so '/api' does not also match '/apiary'.", nameof(prefix));
        }

        Add(new Route(method, prefix, Prefix: true, handler));
    }

    /// <summary>Adds environment variables that tell functions where a mapped path is (e.g. <c>SENTRY_DSN</c>). They are
    /// defaults: a variable the function sets itself wins.</summary>
    public void AddVariables(PlatformVariables variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ImmutableInterlocked.Update(ref _variables, list => list.Add(variables));
    }

    /// <summary>The variables every feature offers an environment of <paramref name="caller"/> whose endpoint is at
    /// <paramref name="address"/> (<c>host:port</c>, as the function sees it).</summary>
    public IReadOnlyDictionary<string, string> Variables(SandboxCaller caller, string address)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var provider in _variables)
        {
            foreach (var (key, value) in provider(caller, address))
            {
                result[key] = value;
            }
        }

        return result;
    }

    /// <summary>Finds the handler for a request.</summary>
    public Resolution Resolve(string method, string path)
    {
        var known = false;
        foreach (var route in _routes)
        {
            if (route.Prefix ? path.StartsWith(route.Path, StringComparison.Ordinal) : path == route.Path)
            {
                known = true;
                if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
                {
                    return new Resolution(route.Handler, true);
                }
            }
        }

        return new Resolution(null, known);
    }

    private void Add(Route route)
    {
        if (!route.Path.StartsWith('/') || route.Path.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{route.Path}' is not an absolute, normalized path.", nameof(route));
        }

        ImmutableInterlocked.Update(ref _routes, routes => routes.Add(route));
    }

    private static ValueTask<PlatformEndpointResponse> Health(PlatformEndpointRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PlatformEndpointResponse.Json(200, System.Text.Json.JsonSerializer.Serialize(new
        {
            status = "ok",
            function = request.Caller.Function,
            version = request.Caller.Version,
        })));

    private sealed record Route(string Method, string Path, bool Prefix, PlatformEndpointHandler Handler);
}

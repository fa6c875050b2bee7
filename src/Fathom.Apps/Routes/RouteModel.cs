using Fathom.Apps.Resources;

namespace Fathom.Apps.Routes;

/// <summary>
/// One HTTP route: method and path served (without the stage prefix, as <c>sam local</c> does) by a function.
/// </summary>
public sealed record RouteModel
{
    /// <summary>Upper case (<c>GET</c>), or <c>ANY</c>.</summary>
    public required string Method { get; init; }

    /// <summary><c>/orders/{id}</c>, <c>/{proxy+}</c>, or <c>$default</c> for an HTTP API catch-all.</summary>
    public required string Path { get; init; }

    public required string ApiLogicalId { get; init; }

    public required ApiKind ApiKind { get; init; }

    /// <summary><c>1.0</c> (REST, and HTTP when set) or <c>2.0</c> (HTTP default).</summary>
    public required string PayloadFormatVersion { get; init; }

    /// <summary>The target function's name (its identity).</summary>
    public required string FunctionName { get; init; }

    /// <summary>The function's logical id.</summary>
    public required string FunctionLogicalId { get; init; }

    /// <summary>The event's key under the function's <c>Events</c>.</summary>
    public required string EventName { get; init; }

    /// <summary>The API's stage, reported in the event's <c>requestContext.stage</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>HTTP API integration timeout; null means the default (30 s).</summary>
    public int? TimeoutInMillis { get; init; }

    public CorsModel? Cors { get; init; }

    /// <summary>The authorizer and API key the route requires; null for an open route.</summary>
    public Auth.RouteAuthModel? Auth { get; init; }
}

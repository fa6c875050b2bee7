namespace Fathom.Gateway.Routing;

/// <summary>One route as the app declares it (user input; validated by <see cref="GatewayState.Update"/>).</summary>
public sealed record GatewayRoute
{
    /// <summary>Upper- or lower-case HTTP method, or <c>ANY</c>. Ignored for the <c>$default</c> route.</summary>
    public string Method { get; init; } = "ANY";

    /// <summary>Path template such as <c>/orders/{id}</c> or <c>/{proxy+}</c>, or <c>$default</c> (HTTP APIs only).</summary>
    public required string Path { get; init; }

    /// <summary>The API's id as events show it in <c>requestContext.apiId</c>.</summary>
    public string ApiId { get; init; } = "";

    /// <summary>The API's logical id in the template (e.g. <c>ServerlessRestApi</c>); shown in status output.</summary>
    public string ApiLogicalId { get; init; } = "";

    public ApiKind ApiKind { get; init; } = ApiKind.Http;

    /// <summary><c>1.0</c> or <c>2.0</c>; null picks the API kind's default (REST 1.0, HTTP 2.0).</summary>
    public string? PayloadFormatVersion { get; init; }

    /// <summary>The function the route invokes.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The alias or version the route invokes (e.g. SAM's <c>AutoPublishAlias</c>); null for the unqualified name.</summary>
    public string? Qualifier { get; init; }

    /// <summary>Stage name; null picks the kind's default (REST <c>Prod</c>, HTTP <c>$default</c>).</summary>
    public string? Stage { get; init; }

    /// <summary>HTTP API integration timeout, 50–30,000 ms (default 30,000). REST APIs always use 29 s.</summary>
    public int? TimeoutInMillis { get; init; }

    public CorsSettings? Cors { get; init; }

    /// <summary>The authorizer and API key the route requires; null for an open route.</summary>
    public Authorizers.RouteAuthorization? Auth { get; init; }
}

namespace Fathom.Gateway.Traffic;

/// <summary>One per app request the gateway answered, whatever the answer (DESIGN.md "Gateway events"), so metrics
/// and logs see what clients saw, including requests no function ran for (no route, too large, throttled).</summary>
public sealed record GatewayRequestCompleted
{
    /// <summary>The id the client got in the <c>apigw-requestid</c> / <c>x-amzn-RequestId</c> header; the invocation's
    /// request id when a function ran.</summary>
    public required string RequestId { get; init; }

    /// <summary>When the request arrived.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The app the route belongs to; null when no route matched and the gateway serves no app by name.</summary>
    public string? App { get; init; }

    public string? Environment { get; init; }

    /// <summary>The matched route, e.g. <c>GET /hello/{name}</c>; null when none matched.</summary>
    public string? RouteKey { get; init; }

    public required string Method { get; init; }

    /// <summary>The status the client got.</summary>
    public required int Status { get; init; }

    /// <summary>From the request's arrival to the response's end, the gateway included.</summary>
    public required TimeSpan Latency { get; init; }

    /// <summary>The function the route invoked, when resolved.</summary>
    public string? Function { get; init; }

    /// <summary>The version that ran (for a weighted alias, the one picked).</summary>
    public string? Version { get; init; }

    /// <summary>The alias or version the route targets.</summary>
    public string? Qualifier { get; init; }

    /// <summary>Where the request came from: <c>api</c>, or <c>uptime</c> for the platform's own probes.</summary>
    public string Source { get; init; } = "api";

    /// <summary>The authorizer's decision when the route has an authorizer or needs an API key, null otherwise:
    /// <c>allow</c>, <c>deny</c> (403), <c>unauthorized</c> (401) or <c>error</c> (500, the authorizer failed).</summary>
    public string? AuthorizerDecision { get; init; }
}

namespace Fathom.Gateway.Traffic;

/// <summary>What the gateway learnt about one request while serving it, published when it ends.</summary>
internal sealed class GatewayExchange(string requestId)
{
    public string RequestId { get; } = requestId;

    public string? RouteKey { get; set; }

    public string? Qualifier { get; set; }

    public Functions.FunctionResolution? Resolution { get; set; }

    /// <summary>The route's authorizer decision, when it has an authorizer or an API key.</summary>
    public string? AuthorizerDecision { get; set; }
}

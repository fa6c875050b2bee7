namespace Fathom.Gateway.Routing;

/// <summary>Which API Gateway flavour a route belongs to; it decides error shapes and defaults.</summary>
public enum ApiKind
{
    /// <summary>A REST API (SAM <c>Api</c> event), payload 1.0.</summary>
    Rest,

    /// <summary>An HTTP API (SAM <c>HttpApi</c> event), payload 2.0 unless the route says 1.0.</summary>
    Http,
}

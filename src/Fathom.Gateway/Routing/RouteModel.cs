using Fathom.Gateway.Functions;

namespace Fathom.Gateway.Routing;

/// <summary>A validated route with everything the request path needs precomputed.</summary>
internal sealed record RouteModel
{
    public required GatewayRoute Config { get; init; }

    /// <summary>Upper-case method or <c>ANY</c>.</summary>
    public required string Method { get; init; }

    public required IReadOnlyList<RouteSegment> Segments { get; init; }

    public bool IsDefault { get; init; }

    public bool IsGreedy => Segments.Count > 0 && Segments[^1].IsGreedy;

    /// <summary>The template as events show it in <c>resource</c> / <c>resourcePath</c>.</summary>
    public required string PathTemplate { get; init; }

    /// <summary><c>GET /pets/{id}</c> or <c>$default</c>.</summary>
    public required string RouteKey { get; init; }

    public ApiKind Kind => Config.ApiKind;

    public required string PayloadVersion { get; init; }

    public required string Stage { get; init; }

    public required TimeSpan IntegrationTimeout { get; init; }

    /// <summary>A stable short id for <c>requestContext.resourceId</c>.</summary>
    public required string ResourceId { get; init; }

    public FunctionTarget Target => new(Config.FunctionName, Config.Qualifier);

    public bool AcceptsMethod(string method) => Method == "ANY" || Method == method;

    /// <summary>Literal segments that precede the first parameter; longer wins among greedy routes.</summary>
    public int LiteralPrefixLength
    {
        get
        {
            var n = 0;
            while (n < Segments.Count && !Segments[n].IsParameter)
            {
                n++;
            }

            return n;
        }
    }
}

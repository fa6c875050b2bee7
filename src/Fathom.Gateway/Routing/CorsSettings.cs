namespace Fathom.Gateway.Routing;

/// <summary>CORS settings of a route, as SAM's <c>Cors</c> / <c>CorsConfiguration</c> give them.</summary>
public sealed record CorsSettings
{
    /// <summary>Allowed origins; <c>*</c> allows any.</summary>
    public IReadOnlyList<string> AllowOrigins { get; init; } = [];

    /// <summary>Allowed methods; <c>*</c> allows any.</summary>
    public IReadOnlyList<string> AllowMethods { get; init; } = [];

    /// <summary>Allowed request headers; <c>*</c> allows any.</summary>
    public IReadOnlyList<string> AllowHeaders { get; init; } = [];

    /// <summary>Response headers the browser may read.</summary>
    public IReadOnlyList<string> ExposeHeaders { get; init; } = [];

    /// <summary>How long a browser may cache a preflight answer, in seconds.</summary>
    public int? MaxAge { get; init; }

    public bool AllowCredentials { get; init; }
}

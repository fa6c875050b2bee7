namespace Fathom.Apps.Routes;

/// <summary>CORS settings of an API, normalised from SAM's REST (quoted strings) and HTTP (lists) forms.</summary>
public sealed record CorsModel
{
    public IReadOnlyList<string> AllowOrigins { get; init; } = [];

    public IReadOnlyList<string> AllowMethods { get; init; } = [];

    public IReadOnlyList<string> AllowHeaders { get; init; } = [];

    public IReadOnlyList<string> ExposeHeaders { get; init; } = [];

    /// <summary>Seconds a preflight answer may be cached.</summary>
    public int? MaxAge { get; init; }

    public bool AllowCredentials { get; init; }
}

using Fathom.Apps.Resources;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Routes;

/// <summary>Reads SAM's two CORS shapes into one <see cref="CorsModel"/>.</summary>
internal static class CorsReader
{
    /// <summary>
    /// REST <c>Cors</c>: either a string (the allowed origin) or a mapping whose values are quoted header values such
    /// as <c>"'GET,POST'"</c>.
    /// </summary>
    public static CorsModel? ReadRest(PropertyReader api, string key)
    {
        var raw = api.Raw(key);
        if (raw is null)
        {
            return null;
        }

        if (api.Node(key) is ScalarNode origin)
        {
            return new CorsModel { AllowOrigins = HeaderList(origin.Value) };
        }

        var cors = api.Map(key);
        if (cors is null)
        {
            return null;
        }

        return new CorsModel
        {
            AllowOrigins = HeaderList(cors.String("AllowOrigin")),
            AllowMethods = HeaderList(cors.String("AllowMethods")),
            AllowHeaders = HeaderList(cors.String("AllowHeaders")),
            MaxAge = int.TryParse(Unquote(cors.String("MaxAge")), out var maxAge) ? maxAge : null,
            AllowCredentials = cors.Bool("AllowCredentials") ?? false,
        };
    }

    /// <summary>HTTP API <c>CorsConfiguration</c> (and function URL <c>Cors</c>): <c>true</c>, or a mapping of lists.</summary>
    public static CorsModel? ReadHttp(PropertyReader api, string key)
    {
        if (api.Node(key) is ScalarNode flag)
        {
            return bool.TryParse(flag.Value, out var on) && on
                ? new CorsModel { AllowOrigins = ["*"], AllowMethods = ["*"], AllowHeaders = ["*"] }
                : null;
        }

        var cors = api.Map(key);
        if (cors is null)
        {
            return null;
        }

        return new CorsModel
        {
            AllowOrigins = cors.StringList("AllowOrigins"),
            AllowMethods = cors.StringList("AllowMethods"),
            AllowHeaders = cors.StringList("AllowHeaders"),
            ExposeHeaders = cors.StringList("ExposeHeaders"),
            MaxAge = cors.Int("MaxAge", 0, 86400),
            AllowCredentials = cors.Bool("AllowCredentials") ?? false,
        };
    }

    private static IReadOnlyList<string> HeaderList(string? quoted)
    {
        var text = Unquote(quoted);
        return string.IsNullOrEmpty(text) ? [] : [.. text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0)];
    }

    private static string? Unquote(string? value) =>
        value is { Length: >= 2 } && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;
}

using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Access.Browser;

/// <summary>Refuses what a web page on another origin makes a browser send: a foreign <c>Origin</c>, or
/// <c>Sec-Fetch-Site: cross-site</c> / <c>same-site</c> without this port's own origin. A cross-site "simple" request
/// (a <c>text/plain</c> POST, say) gets no CORS preflight, so it would reach the endpoint; this runs first. Requests
/// without either header (the CLI, SDKs, curl) are not browsers' and go on to authentication.</summary>
internal static class CrossSiteCheck
{
    /// <summary>Why the request is refused, or null when it may go on.</summary>
    public static string? Refusal(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var sameOrigin = origin.Length > 0 && string.Equals(origin, OwnOrigin(request), StringComparison.OrdinalIgnoreCase);
        if (origin.Length > 0 && !sameOrigin)
        {
            return $"a request from the web origin '{origin}' is refused: the admin port answers only its own origin "
                + $"({OwnOrigin(request)}) and clients that are not browsers";
        }

        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase)
            || (site.Equals("same-site", StringComparison.OrdinalIgnoreCase) && !sameOrigin))
        {
            return $"a request a browser marks 'Sec-Fetch-Site: {site}' is refused: a page on another origin may not use the admin port";
        }

        return null;
    }

    /// <summary>Sentry's ingest routes take events from the app's own web pages by design: they are keyed by the
    /// DSN's public key, change nothing but the error list and answer nothing a page could use.</summary>
    public static bool IsBrowserIngest(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.Value is { } path
        && path.StartsWith("/api/", StringComparison.Ordinal)
        && (path.EndsWith("/envelope/", StringComparison.Ordinal) || path.EndsWith("/store/", StringComparison.Ordinal));

    private static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}

using Fathom.Gateway.Routing;
using Microsoft.AspNetCore.Http;

namespace Fathom.Gateway.Traffic;

/// <summary>CORS from a route's settings: answers preflight requests and decorates actual responses.</summary>
internal static class CorsResponder
{
    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.ContainsKey("Origin")
        && request.Headers.ContainsKey("Access-Control-Request-Method");

    public static void WritePreflight(HttpContext context, RouteModel route)
    {
        var cors = route.Config.Cors!;
        var request = context.Request;
        var response = context.Response;
        response.StatusCode = route.Kind == ApiKind.Rest ? 200 : 204;
        if (!AddOrigin(context, cors))
        {
            return;
        }

        var methods = cors.AllowMethods.Contains("*")
            ? request.Headers["Access-Control-Request-Method"].ToString()
            : string.Join(',', cors.AllowMethods);
        if (methods.Length > 0)
        {
            response.Headers["Access-Control-Allow-Methods"] = methods;
        }

        var headers = cors.AllowHeaders.Contains("*")
            ? request.Headers["Access-Control-Request-Headers"].ToString()
            : string.Join(',', cors.AllowHeaders);
        if (headers.Length > 0)
        {
            response.Headers["Access-Control-Allow-Headers"] = headers;
        }

        if (cors.MaxAge is { } maxAge)
        {
            response.Headers["Access-Control-Max-Age"] = maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Adds CORS headers to an actual response unless the function set its own.</summary>
    public static void Decorate(HttpContext context, RouteModel route)
    {
        var cors = route.Config.Cors;
        if (cors is null || !context.Request.Headers.ContainsKey("Origin")
            || context.Response.Headers.ContainsKey("Access-Control-Allow-Origin"))
        {
            return;
        }

        if (AddOrigin(context, cors) && cors.ExposeHeaders.Count > 0)
        {
            context.Response.Headers["Access-Control-Expose-Headers"] = string.Join(',', cors.ExposeHeaders);
        }
    }

    private static bool AddOrigin(HttpContext context, CorsSettings cors)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var headers = context.Response.Headers;
        if (cors.AllowOrigins.Contains("*"))
        {
            headers["Access-Control-Allow-Origin"] = "*";
        }
        else if (cors.AllowOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            headers["Access-Control-Allow-Origin"] = origin;
            headers.Append("Vary", "Origin");
        }
        else
        {
            return false;
        }

        if (cors.AllowCredentials)
        {
            headers["Access-Control-Allow-Credentials"] = "true";
        }

        return true;
    }
}

using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Access.Browser;

/// <summary>The first thing the admin port does with a request, before any endpoint or authentication: a wrong
/// <c>Host</c> (DNS rebinding) gets 421, a request from another web origin 403, both as problem+json.</summary>
internal static class BrowserSafety
{
    public static async Task<bool> AllowAsync(HttpContext context, AdminHosts hosts)
    {
        if (!hosts.Allows(context.Request.Host))
        {
            var host = context.Request.Host.HasValue ? context.Request.Host.Value : "";
            await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest, "Host not served here",
                $"this server answers to {hosts.Describe()}, not '{host}'; a server reached under another name is started "
                + "with --public-name NAME (a web page could otherwise reach it through DNS rebinding)");
            return false;
        }

        if (!CrossSiteCheck.IsBrowserIngest(context.Request) && CrossSiteCheck.Refusal(context.Request) is { } reason)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Cross-site request refused", reason);
            return false;
        }

        return true;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        // Nothing a refused page could read or cache.
        context.Response.Headers.CacheControl = "no-store";
        await Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);
    }
}

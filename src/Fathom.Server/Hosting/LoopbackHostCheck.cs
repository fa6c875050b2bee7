using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Hosting;

/// <summary>Until tokens exist, the admin port answers only requests whose <c>Host</c> is a loopback name. A web page on
/// another site can make a browser resolve its own name to 127.0.0.1 (DNS rebinding) and post to the admin port; its
/// requests still carry that name, so they are refused here before any endpoint runs.</summary>
internal static class LoopbackHostCheck
{
    public static bool IsLoopbackHost(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        // HostString.Host keeps the brackets of an IPv6 literal: "[::1]".
        var name = host.Host;
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || name is "127.0.0.1" or "[::1]";
    }

    public static async Task RefuseAsync(HttpContext context)
    {
        var host = context.Request.Host.HasValue ? context.Request.Host.Value : "";
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(
            title: "Host not allowed",
            detail: $"the admin API answers only requests addressed to 127.0.0.1, localhost or [::1], not '{host}' "
                + "(it has no authentication yet, and a web page could otherwise reach it through DNS rebinding)",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }
}

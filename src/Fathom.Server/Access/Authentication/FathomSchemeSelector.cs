using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Access.Authentication;

/// <summary>The default scheme <see cref="AccessSchemes.Fathom"/> forwards each request to the one scheme that fits it:
/// a SigV4 signature (header or presigned query) to <see cref="AccessSchemes.SigV4"/>, a bearer token to
/// <see cref="AccessSchemes.Bearer"/>, the dashboard's cookie under <c>/ui</c> to <see cref="AccessSchemes.Cookie"/>, and
/// under <see cref="AccessMode.Local"/> everything to <see cref="AccessSchemes.Local"/>. One way in per request: a
/// request is never tried against a second scheme after the first refused it.</summary>
internal static class FathomSchemeSelector
{
    public static string Select(HttpContext context, AccessMode mode)
    {
        if (mode == AccessMode.Local)
        {
            return AccessSchemes.Local;
        }

        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("AWS4-HMAC-SHA256", StringComparison.Ordinal) || request.Query.ContainsKey("X-Amz-Algorithm"))
        {
            return IsRegistered(context, AccessSchemes.SigV4) ? AccessSchemes.SigV4 : UnavailableAuthenticationHandler.SchemeName;
        }

        // An unsigned call to an AWS-shaped route is answered as Lambda answers it (MissingAuthenticationTokenException),
        // which the aws CLI and SDKs show, rather than with a Bearer challenge they do not understand.
        if (authorization.Length == 0 && IsAwsShaped(request.Path) && IsRegistered(context, AccessSchemes.SigV4))
        {
            return AccessSchemes.SigV4;
        }

        if (authorization.Length == 0 && request.PathBase.Add(request.Path).StartsWithSegments("/ui", StringComparison.Ordinal)
            && IsRegistered(context, AccessSchemes.Cookie))
        {
            return AccessSchemes.Cookie;
        }

        return AccessSchemes.Bearer;
    }

    /// <summary>Lambda's APIs start with their date-shaped API version (<c>/2015-03-31/functions/…</c>).</summary>
    private static bool IsAwsShaped(PathString path)
    {
        var value = path.Value ?? "";
        return value.Length >= 11 && value[0] == '/' && char.IsAsciiDigit(value[1]) && value[5] == '-' && value[8] == '-'
            && (value.Length == 11 || value[11] == '/');
    }

    private static bool IsRegistered(HttpContext context, string scheme) =>
        // The scheme provider answers from a dictionary; its task is complete when returned.
        context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(scheme).GetAwaiter().GetResult() is not null;
}

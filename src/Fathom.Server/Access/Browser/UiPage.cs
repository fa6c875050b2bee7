using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Access.Browser;

/// <summary>The placeholder pages of <c>/ui</c>: enough to see who is signed in and to sign out.</summary>
internal static class UiPage
{
    public static IResult Html(string body, int status = StatusCodes.Status200OK) => new HtmlResult(body, status);

    public static string SignedIn(ClaimsPrincipal user, AntiforgeryTokenSet tokens)
    {
        var role = user.FindFirstValue(AccessClaims.Role) ?? "";
        var scope = (user.FindFirstValue(AccessClaims.App), user.FindFirstValue(AccessClaims.Environment)) switch
        {
            (null, null) => "every app and environment",
            (var app, null) => $"app {app}",
            (null, var env) => $"environment {env} of every app",
            (var app, var env) => $"{app}/{env}",
        };
        return Page("Fathom", $"""
            <p>Signed in as <strong id="name">{Encode(user.Identity?.Name)}</strong>, role <strong id="role">{Encode(role)}</strong>, for {Encode(scope)}.</p>
            <p>The dashboard is not built yet.</p>
            <form method="post" action="/ui/signout">
              <input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">
              <button type="submit">Sign out</button>
            </form>
            """);
    }

    public static string Message(string title, string text) => Page(title, $"<p>{Encode(text)}</p>");

    private static string Page(string title, string body) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{Encode(title)}</title></head>
        <body><h1>{Encode(title)}</h1>
        {body}
        </body></html>
        """;

    private static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            // Never framed (clickjacking), never cached, and the sign-in code in the address never sent as a Referer.
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return context.Response.WriteAsync(html);
        }
    }
}

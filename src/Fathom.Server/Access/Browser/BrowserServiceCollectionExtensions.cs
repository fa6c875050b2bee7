using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Access.Browser;

/// <summary>The dashboard's sign-in: one-time links, the <see cref="AccessSchemes.Cookie"/> scheme valid under
/// <c>/ui</c> only, anti-forgery tokens, and the data protection keys that sign both (docs/security.md).</summary>
public static class BrowserServiceCollectionExtensions
{
    public const string CookieName = "fathom-ui";
    public const string AntiforgeryCookieName = "fathom-ui-antiforgery";
    public const string AntiforgeryField = "__antiforgery";

    /// <param name="dataDirectory">Where the data protection keys are kept, so a signed-in dashboard survives a
    /// restart; null keeps them in memory.</param>
    public static IServiceCollection AddFathomBrowser(this IServiceCollection services, string? dataDirectory)
    {
        services.AddSingleton(sp => new SignInLinks(sp.GetRequiredService<TimeProvider>()));
        var protection = services.AddDataProtection().SetApplicationName("fathom");
        if (dataDirectory is not null)
        {
            var keys = Directory.CreateDirectory(Path.Combine(dataDirectory, "keys"));
            // The keys sign every dashboard cookie: the platform's alone.
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            protection.PersistKeysToFileSystem(keys);
        }

        // ASP.NET Core makes a lone scheme the default for every request; the cookie must never sign in anything outside
        // /ui, whichever other schemes a host adds (or none).
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication().AddCookie(AccessSchemes.Cookie, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = UiEndpoints.Prefix;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the admin port serves HTTPS.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
            cookie.Events.OnRedirectToLogin = context => DenyAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Not signed in", "Run 'fathom dashboard' for a sign-in link.");
            cookie.Events.OnRedirectToAccessDenied = context => DenyAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed", "Your role does not allow this page.");
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookieName;
            antiforgery.Cookie.Path = UiEndpoints.Prefix;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = AntiforgeryField;
            antiforgery.HeaderName = "X-Fathom-Antiforgery";
        });
        services.AddAuthorizationBuilder().AddPolicy(UiEndpoints.Policy, policy => policy
            .AddAuthenticationSchemes(AccessSchemes.Cookie)
            .RequireAuthenticatedUser());
        return services;
    }

    public static IEndpointRouteBuilder MapFathomBrowser(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDashboardLinks();
        endpoints.MapUi();
        return endpoints;
    }

    private static Task DenyAsync(HttpContext context, int status, string title, string text) =>
        UiPage.Html(UiPage.Message(title, text), status).ExecuteAsync(context);
}

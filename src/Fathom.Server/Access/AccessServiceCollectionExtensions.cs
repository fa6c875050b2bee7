using Fathom.Platform.Access;
using Fathom.Server.Access.Authentication;
using Fathom.Server.Access.Authorization;
using Fathom.Server.Access.Store;
using Fathom.Server.Access.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Access;

/// <summary>Access control on the admin port (docs/security.md): one default scheme, <see cref="AccessSchemes.Fathom"/>,
/// forwarding each request to the scheme that fits it, and one policy per <see cref="AccessPolicies"/> name judged by
/// role and scope. The SigV4 and dashboard-cookie schemes are registered by their own features under
/// <see cref="AccessSchemes.SigV4"/> and <see cref="AccessSchemes.Cookie"/>; until then such requests get a 401.</summary>
public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddFathomAccess(this IServiceCollection services, AccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mode == AccessMode.Tokens && options.Store is null)
        {
            throw new ArgumentException("token mode needs the token store", nameof(options));
        }

        services.AddSingleton(options);
        if (options.Store is { } store)
        {
            services.AddSingleton(store);
            services.AddSingleton<IAwsAccessKeys>(store);
        }

        var authentication = services.AddAuthentication(AccessSchemes.Fathom)
            .AddPolicyScheme(AccessSchemes.Fathom, "Fathom", scheme => scheme.ForwardDefaultSelector = context => FathomSchemeSelector.Select(context, options.Mode))
            .AddScheme<AuthenticationSchemeOptions, LocalAuthenticationHandler>(AccessSchemes.Local, null)
            .AddScheme<AuthenticationSchemeOptions, UnavailableAuthenticationHandler>(UnavailableAuthenticationHandler.SchemeName, null);
        if (options.Store is not null)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(AccessSchemes.Bearer, null);
        }

        services.AddSingleton<IAuthorizationHandler, AccessAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        services.AddAuthorization(authorization =>
        {
            foreach (var policy in (string[])[AccessPolicies.Read, AccessPolicies.Invoke, AccessPolicies.Deploy, AccessPolicies.Admin])
            {
                authorization.AddPolicy(policy, Policy(AccessRoles.ForPolicy(policy)));
            }

            // An endpoint that forgot to declare its way in is an admin's alone (and the route-table test fails for it).
            authorization.FallbackPolicy = Policy(AccessRole.Admin);
        });
        return services;
    }

    /// <summary>Runs after routing (the endpoint's policy is known) and after the <c>/aws/{app}/{env}</c> prefix moved
    /// into <c>PathBase</c>.</summary>
    public static IApplicationBuilder UseFathomAccess(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        return app.UseAuthorization();
    }

    /// <summary>The tokens API, <c>/fathom/v1/tokens</c>.</summary>
    public static IEndpointRouteBuilder MapFathomAccess(this IEndpointRouteBuilder endpoints)
    {
        TokenEndpoints.Map(endpoints, endpoints.ServiceProvider.GetService<AccessStore>());
        return endpoints;
    }

    private static AuthorizationPolicy Policy(AccessRole role) =>
        new AuthorizationPolicyBuilder(AccessSchemes.Fathom).RequireAuthenticatedUser().AddRequirements(new AccessRequirement(role)).Build();
}

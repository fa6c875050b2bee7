using Fathom.Platform.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Access;

/// <summary>Access control on the admin port. PLACEHOLDER until the access-control work lands: every policy exists and
/// lets every caller in, so features can declare their endpoints' policies already.</summary>
public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddFathomAccess(this IServiceCollection services)
    {
        services.AddAuthorization(options =>
        {
            foreach (var policy in (string[])[AccessPolicies.Read, AccessPolicies.Invoke, AccessPolicies.Deploy, AccessPolicies.Admin])
            {
                options.AddPolicy(policy, builder => builder.RequireAssertion(_ => true));
            }
        });
        return services;
    }

    /// <summary>Runs after routing, so the endpoint's policy is known.</summary>
    public static IApplicationBuilder UseFathomAccess(this IApplicationBuilder app) => app.UseAuthorization();
}

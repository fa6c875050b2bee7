using Fathom.Platform.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.TestKit;

/// <summary>For hosts that test one feature's endpoints without the server's access control (tested on its own in
/// Fathom.Server.Tests): every access policy exists and lets every caller in.</summary>
public static class OpenAccess
{
    public static IServiceCollection AddOpenAccess(this IServiceCollection services) =>
        services.AddAuthorization(options =>
        {
            foreach (var policy in (string[])[AccessPolicies.Read, AccessPolicies.Invoke, AccessPolicies.Deploy, AccessPolicies.Admin])
            {
                options.AddPolicy(policy, builder => builder.RequireAssertion(_ => true));
            }
        });
}

using Fathom.Platform.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Deployments.LambdaApi;

/// <summary>Maps the subset of Lambda's management API that works on versions, aliases and reserved concurrency, at the
/// paths and in the shapes of botocore's model, so <c>aws lambda …</c> and the SDKs drive Fathom's own state. The
/// environment a call addresses comes from <see cref="Environments.EnvironmentSelection"/> (<c>/aws/{app}/{env}</c> in
/// the endpoint URL on a server with several).</summary>
public static class LambdaManagementEndpoints
{
    /// <summary>Maps PublishVersion, ListVersionsByFunction, Create/Get/List/Update/DeleteAlias and
    /// Get/Put/DeleteFunctionConcurrency. Needs an <see cref="Environments.IDeploymentDirectory"/>; uses an
    /// <see cref="IFunctionVersionDescriber"/> and a <see cref="Fathom.Runtime.Hosting.IReservedConcurrency"/> when the
    /// host registers them.</summary>
    public static IEndpointRouteBuilder MapFathomLambdaManagement(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var functions = endpoints.MapGroup("/2015-03-31/functions/{functionName}");
        functions.MapPost("/versions", (HttpContext c, string functionName) => VersionEndpoints.PublishAsync(c, functionName)).RequireAuthorization(AccessPolicies.Deploy);
        functions.MapGet("/versions", (HttpContext c, string functionName) => VersionEndpoints.ListAsync(c, functionName)).RequireAuthorization(AccessPolicies.Read);
        functions.MapPost("/aliases", (HttpContext c, string functionName) => AliasEndpoints.CreateAsync(c, functionName)).RequireAuthorization(AccessPolicies.Deploy);
        functions.MapGet("/aliases", (HttpContext c, string functionName) => AliasEndpoints.ListAsync(c, functionName)).RequireAuthorization(AccessPolicies.Read);
        functions.MapGet("/aliases/{name}", (HttpContext c, string functionName, string name) => AliasEndpoints.GetAsync(c, functionName, name)).RequireAuthorization(AccessPolicies.Read);
        functions.MapPut("/aliases/{name}", (HttpContext c, string functionName, string name) => AliasEndpoints.UpdateAsync(c, functionName, name)).RequireAuthorization(AccessPolicies.Deploy);
        functions.MapDelete("/aliases/{name}", (HttpContext c, string functionName, string name) => AliasEndpoints.DeleteAsync(c, functionName, name)).RequireAuthorization(AccessPolicies.Deploy);
        endpoints.MapGet("/2019-09-30/functions/{functionName}/concurrency", (HttpContext c, string functionName) => ConcurrencyEndpoints.GetAsync(c, functionName)).RequireAuthorization(AccessPolicies.Read);
        endpoints.MapPut("/2017-10-31/functions/{functionName}/concurrency", (HttpContext c, string functionName) => ConcurrencyEndpoints.PutAsync(c, functionName)).RequireAuthorization(AccessPolicies.Deploy);
        endpoints.MapDelete("/2017-10-31/functions/{functionName}/concurrency", (HttpContext c, string functionName) => ConcurrencyEndpoints.DeleteAsync(c, functionName)).RequireAuthorization(AccessPolicies.Deploy);
        return endpoints;
    }
}

using Fathom.Platform.Access;
using Fathom.Gateway.Invoke;
using Fathom.Gateway.Traffic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Gateway;

/// <summary>Maps app traffic and the Lambda Invoke API.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>Serves app traffic for every path and method not taken by another endpoint (API Gateway routing
    /// from the current <see cref="Routing.GatewayState"/>).</summary>
    public static IEndpointConventionBuilder MapFathomGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapFallback("/{**path}", Handle);
    }

    /// <summary>Runs app traffic as the terminal middleware of a pipeline branch.</summary>
    public static void RunFathomGateway(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Run(Handle);
    }

    /// <summary>Maps the Lambda Invoke API (<c>/2015-03-31/functions/...</c>): Invoke, ListFunctions, GetFunction,
    /// GetFunctionConfiguration. Anything else under any of Lambda's date prefixes that no other endpoint takes answers
    /// a Lambda-shaped error naming the operation (<see cref="LambdaErrors.UnknownOperationAsync"/>).</summary>
    public static RouteGroupBuilder MapLambdaInvokeApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/2015-03-31");
        group.MapPost("/functions/{functionName}/invocations",
            (HttpContext context, string functionName) => Handler(context).InvokeAsync(context, functionName)).RequireAuthorization(AccessPolicies.Invoke);
        group.MapGet("/functions", (HttpContext context) => Handler(context).ListFunctionsAsync(context)).RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/functions/{functionName}",
            (HttpContext context, string functionName) => Handler(context).GetFunctionAsync(context, functionName)).RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/functions/{functionName}/configuration",
            (HttpContext context, string functionName) => Handler(context).GetFunctionConfigurationAsync(context, functionName)).RequireAuthorization(AccessPolicies.Read);
        foreach (var prefix in LambdaOperations.Prefixes)
        {
            // Last in line: the management endpoints (Fathom.Deployments) share these prefixes.
            endpoints.Map($"/{prefix}/{{**rest}}", LambdaErrors.UnknownOperationAsync).WithOrder(int.MaxValue - 1).RequireAuthorization(AccessPolicies.Read);
        }

        return group;
    }

    private static Task Handle(HttpContext context) =>
        context.RequestServices.GetRequiredService<GatewayRequestHandler>().HandleAsync(context);

    private static InvokeApiHandler Handler(HttpContext context) =>
        context.RequestServices.GetRequiredService<InvokeApiHandler>();
}

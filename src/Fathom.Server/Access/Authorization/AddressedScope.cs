using Fathom.Deployments.Environments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Server.Access.Authorization;

/// <summary>The app and environment a request addresses, from every place one can be named: the <c>/aws/{app}/{env}</c>
/// prefix (<see cref="EnvironmentSelection"/>'s items), a route's <c>{app}</c>/<c>{env}</c>, the query's
/// <c>?app=&amp;env=</c>. Names that disagree make the request ambiguous, and a limited credential is refused rather than
/// guessing which one the endpoint will use.</summary>
internal static class AddressedScope
{
    public static (string? App, string? Environment, bool Ambiguous) Of(HttpContext context)
    {
        var (app, appAmbiguous) = One(context.Items[EnvironmentSelection.AppKey] as string, context.GetRouteValue("app") as string, context.Request.Query["app"].ToString());
        var (environment, envAmbiguous) = One(context.Items[EnvironmentSelection.EnvironmentKey] as string, context.GetRouteValue("env") as string, context.Request.Query["env"].ToString());
        return (app, environment, appAmbiguous || envAmbiguous);
    }

    private static (string? Value, bool Ambiguous) One(params string?[] candidates)
    {
        var named = candidates.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return named.Count switch
        {
            0 => (null, false),
            1 => (named[0], false),
            _ => (null, true),
        };
    }
}

using Fathom.Apps;
using Fathom.Gateway.Routing;
using AppApiKind = Fathom.Apps.Resources.ApiKind;

namespace Fathom.Server.Environments;

/// <summary>Turns the app's route table into the gateway's routes, each invoking its function's alias.</summary>
internal static class RouteMapper
{
    public static IReadOnlyList<GatewayRoute> Map(AppModel app) =>
        app.Routes.Select(route =>
        {
            var function = app.FindFunction(route.FunctionName);
            return new GatewayRoute
            {
                Method = route.Method,
                Path = route.Path,
                ApiId = route.ApiLogicalId.ToLowerInvariant(),
                ApiLogicalId = route.ApiLogicalId,
                ApiKind = route.ApiKind == AppApiKind.Rest ? ApiKind.Rest : ApiKind.Http,
                PayloadFormatVersion = route.PayloadFormatVersion,
                FunctionName = route.FunctionName,
                Qualifier = function?.AutoPublishAlias ?? Fathom.Deployments.Versions.Qualifiers.DefaultAlias,
                Stage = route.Stage,
                TimeoutInMillis = route.TimeoutInMillis,
                Cors = route.Cors is { } cors
                    ? new CorsSettings
                    {
                        AllowOrigins = cors.AllowOrigins,
                        AllowMethods = cors.AllowMethods,
                        AllowHeaders = cors.AllowHeaders,
                        ExposeHeaders = cors.ExposeHeaders,
                        MaxAge = cors.MaxAge,
                        AllowCredentials = cors.AllowCredentials,
                    }
                    : null,
                Auth = RouteAuthMapper.Map(route.Auth, app),
            };
        }).ToList();
}

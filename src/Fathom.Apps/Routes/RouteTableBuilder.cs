using Fathom.Apps.Auth;
using Fathom.Apps.Resources;
using Fathom.Apps.Templates;
using Fathom.Apps.Validation;

namespace Fathom.Apps.Routes;

/// <summary>Derives the route table from the functions' <c>Api</c> and <c>HttpApi</c> events.</summary>
internal static class RouteTableBuilder
{
    public static IReadOnlyList<(RouteModel Route, SourceLocation At)> Build(IEnumerable<FunctionRead> functions, IReadOnlyDictionary<string, ApiModel> apis, DiagnosticBag diagnostics)
    {
        var routes = new List<(RouteModel, SourceLocation)>();
        foreach (var function in functions)
        {
            foreach (var @event in function.Model.Events)
            {
                var route = @event switch
                {
                    ApiEventModel api => Route(function.Model, api.Name, api.Method, api.Path, api.ApiLogicalId, ApiKind.Rest, "1.0", null, apis),
                    HttpApiEventModel http => Route(function.Model, http.Name, http.Method, http.Path, http.ApiLogicalId, ApiKind.Http, http.PayloadFormatVersion, http.TimeoutInMillis, apis),
                    _ => null,
                };
                if (route is not null)
                {
                    var at = function.EventLocations[@event.Name];
                    var eventAuth = @event switch
                    {
                        ApiEventModel api => api.AuthSettings,
                        HttpApiEventModel http => http.AuthSettings,
                        _ => null,
                    };
                    var apiAuth = apis.TryGetValue(route.ApiLogicalId, out var model) ? model.AuthSettings : ApiAuthModel.None;
                    route = route with { Auth = RouteAuthResolver.Resolve(apiAuth, eventAuth, $"event {function.Model.LogicalId}.Events.{@event.Name}", at, diagnostics) };
                    routes.Add((route, at));
                }
            }
        }

        return routes;
    }

    private static RouteModel Route(FunctionModel function, string eventName, string method, string path, string apiId, ApiKind kind, string payload, int? timeout, IReadOnlyDictionary<string, ApiModel> apis)
    {
        apis.TryGetValue(apiId, out var api);
        return new RouteModel
        {
            Method = method,
            Path = path,
            ApiLogicalId = apiId,
            ApiKind = kind,
            PayloadFormatVersion = payload,
            FunctionName = function.Name,
            FunctionLogicalId = function.LogicalId,
            EventName = eventName,
            Stage = api?.StageName ?? (kind == ApiKind.Rest ? "Prod" : "$default"),
            TimeoutInMillis = timeout,
            Cors = api?.Cors,
        };
    }
}

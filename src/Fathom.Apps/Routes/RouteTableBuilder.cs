using Fathom.Apps.Resources;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Routes;

/// <summary>Derives the route table from the functions' <c>Api</c> and <c>HttpApi</c> events.</summary>
internal static class RouteTableBuilder
{
    public static IReadOnlyList<(RouteModel Route, SourceLocation At)> Build(IEnumerable<FunctionRead> functions, IReadOnlyDictionary<string, ApiModel> apis)
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
                    routes.Add((route, function.EventLocations[@event.Name]));
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

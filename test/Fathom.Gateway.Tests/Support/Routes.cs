using Fathom.Gateway.Routing;

namespace Fathom.Gateway.Tests.Support;

internal static class Routes
{
    public static GatewayRoute Http(string method, string path, string function = "hello", string? qualifier = null) => new()
    {
        Method = method, Path = path, FunctionName = function, Qualifier = qualifier,
        ApiKind = ApiKind.Http, ApiId = "httpapi1", ApiLogicalId = "ServerlessHttpApi",
    };

    public static GatewayRoute Rest(string method, string path, string function = "hello") => new()
    {
        Method = method, Path = path, FunctionName = function,
        ApiKind = ApiKind.Rest, ApiId = "restapi1", ApiLogicalId = "ServerlessRestApi",
    };
}

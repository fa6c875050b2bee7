using Fathom.Gateway.Functions;
using Fathom.Gateway.Routing;
using Fathom.Runtime.Invocations;
using Fathom.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fathom.Server.Tests.Support;

internal static class ServerFixture
{
    public static FathomServer Create(string? dataDirectory = null, int appPort = 0, int adminPort = 0, IReadOnlyList<GatewayRoute>? routes = null)
    {
        var functions = new StaticFunctions();
        return new FathomServer(
            new ServerOptions { AppPort = appPort, AdminPort = adminPort, DataDirectory = dataDirectory },
            services =>
            {
                services.AddLogging(b => b.ClearProviders());
                services.AddSingleton<IFunctionInvoker>(functions);
                services.AddSingleton<IFunctionResolver>(functions);
                services.AddSingleton<IFunctionCatalog>(functions);
                services.AddSingleton(new GatewayState(routes ?? [
                    new GatewayRoute { Method = "GET", Path = "/hello", FunctionName = "hello", Qualifier = "live", ApiId = "h1", ApiLogicalId = "ServerlessHttpApi" },
                ]));
            });
    }
}

using System.Globalization;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;

namespace Fathom.Gateway.Events;

/// <summary>Bits shared by both payload formats.</summary>
internal static class EventFormat
{
    /// <summary>API Gateway's <c>requestTime</c> / <c>time</c> format, e.g. <c>12/Mar/2020:19:03:58 +0000</c>.</summary>
    public static string RequestTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);

    public static string DomainName(GatewayRequest request)
    {
        var host = request.Host;
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? host[..(end + 1)] : host;
        }

        var colon = host.LastIndexOf(':');
        return colon > 0 ? host[..colon] : host;
    }

    public static string DomainPrefix(string domainName)
    {
        var dot = domainName.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? domainName[..dot] : domainName;
    }

    /// <summary>The path API Gateway reports in <c>requestContext.path</c>: prefixed with the stage unless it is <c>$default</c>.</summary>
    public static string StagePath(RouteModel route, string path) =>
        route.Stage == GatewayDefaults.HttpStage ? path : "/" + route.Stage + path;
}

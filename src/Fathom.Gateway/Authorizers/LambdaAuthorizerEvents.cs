using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Gateway.Events;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;

namespace Fathom.Gateway.Authorizers;

/// <summary>The events Lambda authorizers receive (protocols-2.md §1.1, §1.5): TOKEN's three fields; REQUEST's
/// proxy event without the body plus <c>type</c> and the method (or route) ARN; HTTP API's identity values.</summary>
internal static class LambdaAuthorizerEvents
{
    public static byte[] Token(string token, string methodArn) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["type"] = "TOKEN",
            ["authorizationToken"] = token,
            ["methodArn"] = methodArn,
        });

    public static byte[] Request(GatewayRequest request, RouteMatch match, GatewayOptions options, AuthorizerSettings settings, string methodArn, IReadOnlyList<string> identity)
    {
        var route = match.Route;
        var v2 = route.Kind == ApiKind.Http && settings.PayloadFormatVersion == "2.0";
        var proxy = v2 ? HttpEventWriter.Write(request, match, options) : RestEventWriter.Write(request, match, options);
        var source = JsonNode.Parse(proxy)!.AsObject();
        var result = new JsonObject();
        if (route.Kind == ApiKind.Http)
        {
            result["version"] = settings.PayloadFormatVersion;
        }

        result["type"] = "REQUEST";
        result[v2 ? "routeArn" : "methodArn"] = methodArn;
        if (v2)
        {
            result["identitySource"] = new JsonArray([.. identity.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
        else if (route.Kind == ApiKind.Http)
        {
            var joined = string.Join(',', identity);
            result["identitySource"] = joined;
            result["authorizationToken"] = joined;
        }

        foreach (var (name, value) in source.ToList())
        {
            // Authorizers never see the body.
            if (name is "version" or "body" or "isBase64Encoded")
            {
                continue;
            }

            source.Remove(name);
            result[name] = value;
        }

        return JsonSerializer.SerializeToUtf8Bytes(result);
    }
}

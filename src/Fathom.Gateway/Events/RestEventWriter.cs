using System.Buffers;
using System.Text.Json;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;

namespace Fathom.Gateway.Events;

/// <summary>Writes the payload format 1.0 event (REST APIs, and HTTP APIs that ask for 1.0).</summary>
internal static class RestEventWriter
{
    /// <param name="authorizer">The JSON object the integration sees as <c>requestContext.authorizer</c>, if any.</param>
    public static byte[] Write(GatewayRequest request, RouteMatch match, GatewayOptions options, byte[]? authorizer = null)
    {
        var route = match.Route;
        var buffer = new ArrayBufferWriter<byte>(1024 + (request.Body?.Length ?? 0));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (route.Kind == ApiKind.Http)
            {
                w.WriteString("version", "1.0");
            }

            w.WriteString("resource", route.PathTemplate);
            w.WriteString("path", request.Path);
            w.WriteString("httpMethod", request.Method);
            WriteSingle(w, "headers", request.Headers, StringComparer.OrdinalIgnoreCase);
            WriteMulti(w, "multiValueHeaders", request.Headers, StringComparer.OrdinalIgnoreCase);
            WriteSingle(w, "queryStringParameters", request.Query, StringComparer.Ordinal);
            WriteMulti(w, "multiValueQueryStringParameters", request.Query, StringComparer.Ordinal);
            if (match.PathParameters.Count == 0)
            {
                w.WriteNull("pathParameters");
            }
            else
            {
                w.WriteStartObject("pathParameters");
                foreach (var (name, value) in match.PathParameters)
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
            }

            w.WriteNull("stageVariables");
            WriteRequestContext(w, request, route, options, authorizer);
            if (request.Body is null)
            {
                w.WriteNull("body");
            }
            else
            {
                w.WriteString("body", request.Body);
            }

            w.WriteBoolean("isBase64Encoded", request.IsBase64Encoded);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRequestContext(Utf8JsonWriter w, GatewayRequest request, RouteModel route, GatewayOptions options, byte[]? authorizer)
    {
        var domain = EventFormat.DomainName(request);
        w.WriteStartObject("requestContext");
        w.WriteString("accountId", options.AccountId);
        w.WriteString("apiId", route.Config.ApiId);
        if (authorizer is not null)
        {
            w.WritePropertyName("authorizer");
            w.WriteRawValue(authorizer, skipInputValidation: true);
        }

        w.WriteString("domainName", domain);
        w.WriteString("domainPrefix", EventFormat.DomainPrefix(domain));
        w.WriteString("extendedRequestId", request.RequestId);
        w.WriteString("httpMethod", request.Method);
        w.WriteStartObject("identity");
        foreach (var name in (string[])["accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
            "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId"])
        {
            w.WriteNull(name);
        }

        w.WriteString("sourceIp", request.SourceIp);
        w.WriteNull("user");
        w.WriteString("userAgent", request.UserAgent);
        w.WriteNull("userArn");
        w.WriteEndObject();
        w.WriteString("path", EventFormat.StagePath(route, request.Path));
        w.WriteString("protocol", request.Protocol);
        w.WriteString("requestId", request.RequestId);
        w.WriteString("requestTime", EventFormat.RequestTime(request.Time));
        w.WriteNumber("requestTimeEpoch", request.Time.ToUnixTimeMilliseconds());
        w.WriteString("resourceId", route.ResourceId);
        w.WriteString("resourcePath", route.PathTemplate);
        w.WriteString("stage", route.Stage);
        w.WriteEndObject();
    }

    // Single-value maps hold the last value of each name; null when there are none.
    private static void WriteSingle(Utf8JsonWriter w, string property, IReadOnlyList<KeyValuePair<string, string>> pairs, StringComparer comparer)
    {
        if (pairs.Count == 0)
        {
            w.WriteNull(property);
            return;
        }

        var last = new Dictionary<string, (string Name, string Value)>(comparer);
        var order = new List<string>();
        foreach (var (name, value) in pairs)
        {
            if (!last.ContainsKey(name))
            {
                order.Add(name);
            }

            last[name] = (last.TryGetValue(name, out var first) ? first.Name : name, value);
        }

        w.WriteStartObject(property);
        foreach (var name in order)
        {
            w.WriteString(last[name].Name, last[name].Value);
        }

        w.WriteEndObject();
    }

    private static void WriteMulti(Utf8JsonWriter w, string property, IReadOnlyList<KeyValuePair<string, string>> pairs, StringComparer comparer)
    {
        if (pairs.Count == 0)
        {
            w.WriteNull(property);
            return;
        }

        var groups = new Dictionary<string, (string Name, List<string> Values)>(comparer);
        var order = new List<string>();
        foreach (var (name, value) in pairs)
        {
            if (!groups.TryGetValue(name, out var group))
            {
                group = (name, []);
                groups[name] = group;
                order.Add(name);
            }

            group.Values.Add(value);
        }

        w.WriteStartObject(property);
        foreach (var name in order)
        {
            w.WriteStartArray(groups[name].Name);
            foreach (var value in groups[name].Values)
            {
                w.WriteStringValue(value);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}

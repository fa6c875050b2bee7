using System.Buffers;
using System.Text.Json;
using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;

namespace Fathom.Gateway.Events;

/// <summary>Writes the payload format 2.0 event (HTTP APIs): lowercased headers, duplicates joined with
/// commas, the <c>Cookie</c> header moved to <c>cookies</c>, empty optional members omitted.</summary>
internal static class HttpEventWriter
{
    /// <param name="authorizer">The JSON object the integration sees as <c>requestContext.authorizer</c>, if any.</param>
    public static byte[] Write(GatewayRequest request, RouteMatch match, GatewayOptions options, byte[]? authorizer = null)
    {
        var route = match.Route;
        var domain = EventFormat.DomainName(request);
        var cookies = new List<string>();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var headerOrder = new List<string>();
        foreach (var (name, value) in request.Headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower == "cookie")
            {
                cookies.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }

            if (headers.TryGetValue(lower, out var existing))
            {
                headers[lower] = existing + "," + value;
            }
            else
            {
                headers[lower] = value;
                headerOrder.Add(lower);
            }
        }

        var buffer = new ArrayBufferWriter<byte>(1024 + (request.Body?.Length ?? 0));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("version", "2.0");
            w.WriteString("routeKey", route.RouteKey);
            w.WriteString("rawPath", request.RawPath);
            w.WriteString("rawQueryString", request.RawQuery);
            if (cookies.Count > 0)
            {
                w.WriteStartArray("cookies");
                cookies.ForEach(w.WriteStringValue);
                w.WriteEndArray();
            }

            w.WriteStartObject("headers");
            foreach (var name in headerOrder)
            {
                w.WriteString(name, headers[name]);
            }

            w.WriteEndObject();
            WriteQuery(w, request.Query);
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
            w.WriteStartObject("http");
            w.WriteString("method", request.Method);
            w.WriteString("path", request.RawPath);
            w.WriteString("protocol", request.Protocol);
            w.WriteString("sourceIp", request.SourceIp);
            w.WriteString("userAgent", request.UserAgent);
            w.WriteEndObject();
            w.WriteString("requestId", request.RequestId);
            w.WriteString("routeKey", route.RouteKey);
            w.WriteString("stage", route.Stage);
            w.WriteString("time", EventFormat.RequestTime(request.Time));
            w.WriteNumber("timeEpoch", request.Time.ToUnixTimeMilliseconds());
            w.WriteEndObject();
            if (match.PathParameters.Count > 0)
            {
                w.WriteStartObject("pathParameters");
                foreach (var (name, value) in match.PathParameters)
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
            }

            if (request.Body is not null)
            {
                w.WriteString("body", request.Body);
            }

            w.WriteBoolean("isBase64Encoded", request.IsBase64Encoded);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteQuery(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        if (query.Count == 0)
        {
            return;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (name, value) in query)
        {
            if (values.TryGetValue(name, out var existing))
            {
                values[name] = existing + "," + value;
            }
            else
            {
                values[name] = value;
                order.Add(name);
            }
        }

        w.WriteStartObject("queryStringParameters");
        foreach (var name in order)
        {
            w.WriteString(name, values[name]);
        }

        w.WriteEndObject();
    }
}

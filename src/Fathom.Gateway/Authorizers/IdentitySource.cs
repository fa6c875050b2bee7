using Fathom.Gateway.Routing;
using Fathom.Gateway.Traffic;

namespace Fathom.Gateway.Authorizers;

/// <summary>One identity source, read from a request the way API Gateway reads it: headers case-insensitively,
/// query strings case-sensitively; a missing or empty value is missing.</summary>
internal sealed record IdentitySource(IdentitySourceKind Kind, string Name)
{
    /// <summary>Parses REST (<c>method.request.header.X</c>) and HTTP API (<c>$request.header.X</c>) forms.</summary>
    public static IdentitySource? Parse(string text)
    {
        var s = text.Trim().TrimStart('$');
        if (s.StartsWith("method.", StringComparison.Ordinal))
        {
            s = s["method.".Length..];
        }

        (string Prefix, IdentitySourceKind Kind)[] forms =
        [
            ("request.header.", IdentitySourceKind.Header),
            ("request.querystring.", IdentitySourceKind.Query),
            ("context.", IdentitySourceKind.Context),
            ("stageVariables.", IdentitySourceKind.StageVariable),
        ];
        foreach (var (prefix, kind) in forms)
        {
            if (s.StartsWith(prefix, StringComparison.Ordinal) && s.Length > prefix.Length)
            {
                return new IdentitySource(kind, s[prefix.Length..]);
            }
        }

        return null;
    }

    /// <summary>The value, or null when the request lacks it.</summary>
    public string? Read(GatewayRequest request, RouteModel route)
    {
        var value = Kind switch
        {
            IdentitySourceKind.Header => Last(request.Headers, StringComparison.OrdinalIgnoreCase),
            IdentitySourceKind.Query => Last(request.Query, StringComparison.Ordinal),
            IdentitySourceKind.Context => Name switch
            {
                "routeKey" => route.RouteKey,
                "httpMethod" => request.Method,
                "path" => request.Path,
                "stage" => route.Stage,
                "requestId" => request.RequestId,
                "identity.sourceIp" => request.SourceIp,
                "identity.userAgent" => request.UserAgent,
                _ => null,
            },

            // Fathom serves no stage variables yet, so a route that names one always lacks it.
            _ => null,
        };
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private string? Last(IReadOnlyList<KeyValuePair<string, string>> pairs, StringComparison comparison)
    {
        string? value = null;
        foreach (var (name, v) in pairs)
        {
            if (string.Equals(name, Name, comparison))
            {
                value = v;
            }
        }

        return value;
    }
}

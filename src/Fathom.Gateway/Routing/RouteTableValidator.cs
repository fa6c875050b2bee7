using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Fathom.Gateway.Routing;

/// <summary>Turns route config into a <see cref="RouteTableModel"/>, reporting every problem at once.</summary>
internal static partial class RouteTableValidator
{
    public static RouteTableModel Validate(IEnumerable<GatewayRoute> routes, int generation)
    {
        var errors = new List<string>();
        var models = new List<RouteModel>();
        var seen = new Dictionary<string, GatewayRoute>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var model = ValidateRoute(route, errors);
            if (model is null)
            {
                continue;
            }

            // Routes of every API share one port, so the same method and path may be declared only once.
            var key = model.IsDefault ? "$default" : model.Method + " " + NormalizedShape(model);
            if (seen.TryGetValue(key, out var other))
            {
                errors.Add($"{Describe(route)}: route {model.RouteKey} is declared twice (also by {other.FunctionName})");
                continue;
            }

            seen[key] = route;
            models.Add(model);
        }

        if (errors.Count > 0)
        {
            throw new GatewayConfigException(errors);
        }

        return new RouteTableModel(models, generation);
    }

    private static RouteModel? ValidateRoute(GatewayRoute route, List<string> errors)
    {
        var before = errors.Count;
        var where = Describe(route);
        if (string.IsNullOrWhiteSpace(route.FunctionName))
        {
            errors.Add($"{where}: FunctionName is required");
        }

        var method = (route.Method ?? "").Trim().ToUpperInvariant();
        if (method != "ANY" && !ServedMethods.All.Contains(method))
        {
            errors.Add($"{where}: method '{route.Method}' is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY");
        }

        var version = route.PayloadFormatVersion ?? (route.ApiKind == ApiKind.Rest ? "1.0" : "2.0");
        if (version is not ("1.0" or "2.0"))
        {
            errors.Add($"{where}: PayloadFormatVersion must be 1.0 or 2.0, not '{version}'");
        }
        else if (route.ApiKind == ApiKind.Rest && version != "1.0")
        {
            errors.Add($"{where}: REST APIs only use payload format 1.0");
        }

        var maxTimeout = route.ApiKind == ApiKind.Rest ? 29_000 : 30_000;
        if (route.TimeoutInMillis is { } t && (t < 50 || t > maxTimeout))
        {
            errors.Add($"{where}: TimeoutInMillis must be between 50 and {maxTimeout}, not {t}");
        }

        var isDefault = route.Path == "$default";
        var segments = new List<RouteSegment>();
        if (isDefault)
        {
            if (route.ApiKind == ApiKind.Rest)
            {
                errors.Add($"{where}: the $default route exists only in HTTP APIs");
            }
        }
        else
        {
            ParsePath(route.Path ?? "", where, segments, errors);
        }

        ValidateCors(route.Cors, where, errors);
        Authorizers.RouteAuthorizationValidator.Validate(route, where, errors);
        if (errors.Count != before)
        {
            return null;
        }

        var template = isDefault ? "$default" : "/" + string.Join('/', segments.Select(Render));
        var stage = route.Stage ?? (route.ApiKind == ApiKind.Rest ? GatewayDefaults.RestStage : GatewayDefaults.HttpStage);
        var timeout = route.TimeoutInMillis is { } ms
            ? TimeSpan.FromMilliseconds(ms)
            : route.ApiKind == ApiKind.Rest ? GatewayDefaults.RestIntegrationTimeout : GatewayDefaults.HttpIntegrationTimeout;
        return new RouteModel
        {
            Config = route,
            Method = method,
            Segments = segments,
            IsDefault = isDefault,
            PathTemplate = template,
            RouteKey = isDefault ? "$default" : method + " " + template,
            PayloadVersion = version,
            Stage = stage,
            IntegrationTimeout = timeout,
            ResourceId = ResourceIdFor(route.ApiId + template),
        };
    }

    private static void ParsePath(string path, string where, List<RouteSegment> segments, List<string> errors)
    {
        if (!path.StartsWith('/'))
        {
            errors.Add($"{where}: path '{path}' must start with '/' (or be $default)");
            return;
        }

        var parts = path.Length == 1 ? [] : path[1..].TrimEnd('/').Split('/');
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                errors.Add($"{where}: path '{path}' has an empty segment");
                return;
            }

            if (!part.StartsWith('{'))
            {
                if (part.Contains('{') || part.Contains('}'))
                {
                    errors.Add($"{where}: path '{path}': a parameter must be a whole segment");
                    return;
                }

                segments.Add(new RouteSegment(part, false, false));
                continue;
            }

            var match = ParameterPattern().Match(part);
            if (!match.Success)
            {
                errors.Add($"{where}: path '{path}': '{part}' is not a valid parameter");
                return;
            }

            var greedy = match.Groups[2].Success;
            if (greedy && i != parts.Length - 1)
            {
                errors.Add($"{where}: path '{path}': the greedy parameter '{part}' must be the last segment");
                return;
            }

            if (!names.Add(match.Groups[1].Value))
            {
                errors.Add($"{where}: path '{path}': parameter '{match.Groups[1].Value}' appears twice");
                return;
            }

            segments.Add(new RouteSegment(match.Groups[1].Value, true, greedy));
        }
    }

    private static void ValidateCors(CorsSettings? cors, string where, List<string> errors)
    {
        if (cors is null)
        {
            return;
        }

        if (cors.MaxAge is < 0)
        {
            errors.Add($"{where}: CORS MaxAge must not be negative");
        }

        if (cors.AllowCredentials && cors.AllowOrigins.Contains("*"))
        {
            errors.Add($"{where}: CORS AllowCredentials cannot be combined with the '*' origin");
        }
    }

    private static string Render(RouteSegment s) => s.IsParameter ? "{" + s.Text + (s.IsGreedy ? "+}" : "}") : s.Text;

    // Two templates that differ only in parameter names match the same requests.
    private static string NormalizedShape(RouteModel m) =>
        "/" + string.Join('/', m.Segments.Select(s => s.IsParameter ? (s.IsGreedy ? "{+}" : "{}") : s.Text));

    private static string Describe(GatewayRoute r) => $"route {r.Method} {r.Path} ({r.FunctionName})";

    private static string ResourceIdFor(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..6];

    [GeneratedRegex(@"^\{([A-Za-z0-9_.\-]+)(\+)?\}$")]
    private static partial Regex ParameterPattern();
}

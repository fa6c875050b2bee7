using System.Text.RegularExpressions;
using Fathom.Apps.Routes;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Validation;

/// <summary>
/// Two routes with the same method and path (parameter names aside) are an error, even in different APIs: routes are
/// served without the stage prefix on one port, so only one of them could ever be reached.
/// </summary>
internal static partial class RouteConflictValidator
{
    public static void Validate(IReadOnlyList<(RouteModel Route, SourceLocation At)> routes, DiagnosticBag diagnostics)
    {
        var seen = new Dictionary<(string, string), (RouteModel Route, SourceLocation At)>();
        foreach (var (route, at) in routes)
        {
            var key = (route.Method, Parameter().Replace(route.Path.TrimEnd('/'), m => m.Value.EndsWith("+}", StringComparison.Ordinal) ? "{+}" : "{}"));
            if (seen.TryGetValue(key, out var first))
            {
                diagnostics.Error(at,
                    $"route {route.Method} {route.Path} ({route.FunctionLogicalId}, {route.ApiLogicalId}) conflicts with {first.Route.Method} {first.Route.Path} ({first.Route.FunctionLogicalId}, {first.Route.ApiLogicalId}) at line {first.At.Line}");
                continue;
            }

            seen[key] = (route, at);
        }
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}

namespace Fathom.Gateway.Routing;

/// <summary>A validated, immutable route table, matched the way API Gateway matches:
/// an exact route (most literal segments first, a method before <c>ANY</c>), then the greedy
/// <c>{proxy+}</c> route with the longest literal prefix, then <c>$default</c>.</summary>
internal sealed class RouteTableModel(IReadOnlyList<RouteModel> routes, int generation)
{
    public static readonly RouteTableModel Empty = new([], 0);

    public IReadOnlyList<RouteModel> Routes { get; } = routes;

    public int Generation { get; } = generation;

    public bool HasRestRoutes { get; } = routes.Any(r => r.Kind == ApiKind.Rest);

    public bool HasHttpRoutes { get; } = routes.Any(r => r.Kind == ApiKind.Http);

    /// <param name="method">Upper-case request method.</param>
    /// <param name="segments">Decoded path segments, without empty ones at the ends.</param>
    public RouteMatch? Match(string method, IReadOnlyList<string> segments)
    {
        // CONNECT, TRACE and WebDAV methods reach no route, ANY and $default included, as on API Gateway; a CONNECT
        // could not be answered with a proxied response anyway (a 2xx to it opens a tunnel).
        if (!ServedMethods.All.Contains(method))
        {
            return null;
        }

        RouteModel? best = null;
        foreach (var route in Routes)
        {
            if (!route.IsDefault && !route.IsGreedy && route.AcceptsMethod(method)
                && route.Segments.Count == segments.Count && LiteralsMatch(route, segments)
                && (best is null || Compare(route, best) > 0))
            {
                best = route;
            }
        }

        if (best is null)
        {
            foreach (var route in Routes)
            {
                if (route.IsGreedy && route.AcceptsMethod(method)
                    && segments.Count >= route.Segments.Count && LiteralsMatch(route, segments)
                    && (best is null || CompareGreedy(route, best) > 0))
                {
                    best = route;
                }
            }
        }

        best ??= Routes.FirstOrDefault(r => r.IsDefault);
        return best is null ? null : new RouteMatch(best, Capture(best, segments));
    }

    /// <summary>Routes whose path matches whatever the method; used for CORS preflight.</summary>
    public IEnumerable<RouteModel> RoutesForPath(IReadOnlyList<string> segments) =>
        Routes.Where(r => r.IsDefault
            || (r.IsGreedy ? segments.Count >= r.Segments.Count : segments.Count == r.Segments.Count) && LiteralsMatch(r, segments));

    private static bool LiteralsMatch(RouteModel route, IReadOnlyList<string> segments)
    {
        for (var i = 0; i < route.Segments.Count; i++)
        {
            var s = route.Segments[i];
            if (!s.IsParameter && !string.Equals(s.Text, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Positive when a is the more specific route: a literal beats a parameter at the first difference,
    // then a named method beats ANY.
    private static int Compare(RouteModel a, RouteModel b)
    {
        for (var i = 0; i < a.Segments.Count && i < b.Segments.Count; i++)
        {
            if (a.Segments[i].IsParameter != b.Segments[i].IsParameter)
            {
                return a.Segments[i].IsParameter ? -1 : 1;
            }
        }

        return (a.Method == "ANY" ? 0 : 1) - (b.Method == "ANY" ? 0 : 1);
    }

    private static int CompareGreedy(RouteModel a, RouteModel b)
    {
        if (a.Segments.Count != b.Segments.Count)
        {
            return a.Segments.Count - b.Segments.Count;
        }

        return Compare(a, b);
    }

    private static Dictionary<string, string> Capture(RouteModel route, IReadOnlyList<string> segments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (route.IsDefault)
        {
            return values;
        }

        for (var i = 0; i < route.Segments.Count; i++)
        {
            var s = route.Segments[i];
            if (s.IsGreedy)
            {
                values[s.Text] = string.Join('/', segments.Skip(i));
            }
            else if (s.IsParameter)
            {
                values[s.Text] = segments[i];
            }
        }

        return values;
    }
}

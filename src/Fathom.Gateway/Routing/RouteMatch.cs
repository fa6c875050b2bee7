namespace Fathom.Gateway.Routing;

/// <summary>The route chosen for a request and the path parameters it captured (decoded).</summary>
internal sealed record RouteMatch(RouteModel Route, IReadOnlyDictionary<string, string> PathParameters);

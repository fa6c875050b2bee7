namespace Fathom.Gateway.Routing;

/// <summary>The live route table. <see cref="Update"/> validates a new table and swaps it in whole, so a
/// request sees either the old table or the new one, never a mix (reload).</summary>
public sealed class GatewayState
{
    private RouteTableModel _current = RouteTableModel.Empty;

    public GatewayState()
    {
    }

    /// <exception cref="GatewayConfigException">The routes are invalid.</exception>
    public GatewayState(IEnumerable<GatewayRoute> routes) => Update(routes);

    /// <summary>The routes currently served, as given.</summary>
    public IReadOnlyList<GatewayRoute> Routes => Current.Routes.Select(r => r.Config).ToArray();

    /// <summary>Incremented on every successful <see cref="Update"/>.</summary>
    public int Generation => Current.Generation;

    internal RouteTableModel Current => Volatile.Read(ref _current);

    /// <summary>Checks <paramref name="routes"/> as <see cref="Update"/> would, without serving them; a host that must
    /// change other state with the routes (alias flips on reload) checks first, so nothing changes when they are invalid.</summary>
    /// <exception cref="GatewayConfigException">The routes are invalid.</exception>
    public static void Validate(IEnumerable<GatewayRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RouteTableValidator.Validate(routes, 0);
    }

    /// <summary>Validates <paramref name="routes"/> and, when valid, replaces the whole table.</summary>
    /// <exception cref="GatewayConfigException">The routes are invalid; the old table stays.</exception>
    public void Update(IEnumerable<GatewayRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var model = RouteTableValidator.Validate(routes, Current.Generation + 1);
        Volatile.Write(ref _current, model);
    }
}

namespace Fathom.Gateway.Routing;

/// <summary>Thrown when a route table is invalid; lists every problem found, not just the first.</summary>
public sealed class GatewayConfigException(IReadOnlyList<string> errors)
    : Exception("Invalid routes:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

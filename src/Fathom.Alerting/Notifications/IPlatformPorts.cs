namespace Fathom.Alerting.Notifications;

/// <summary>The ports this host serves (admin port, app ports): notifications never connect to them on this machine, so
/// a deployed <c>fathom.yaml</c> cannot aim the server at its own API.</summary>
public interface IPlatformPorts
{
    IReadOnlyCollection<int> Ports { get; }
}

using System.Net;

namespace Fathom.Server.Access.Browser;

/// <summary>What a server bound beyond loopback says at start: which names its admin port answers to, and a warning when
/// it serves plain HTTP there.</summary>
public static class ExposureNotice
{
    /// <summary>The lines to print, each with whether it is a warning; none for a loopback server without public names.</summary>
    public static IReadOnlyList<(bool Warning, string Text)> Lines(string host, AdminHosts hosts, bool tls)
    {
        var bound = Hosting.FathomServer.ParseHost(host);
        var lines = new List<(bool, string)>();
        if (!IPAddress.IsLoopback(bound) && !tls)
        {
            lines.Add((true, $"serving plain HTTP on {host}, beyond loopback: tokens, code and data cross the network unencrypted; give --tls-cert FILE --tls-key FILE"));
        }

        if (hosts.BoundAddressOnly)
        {
            lines.Add((false, $"The admin port answers to {hosts.Describe()} only (no --public-name given: the bound address and loopback)."));
        }
        else if (hosts.Extra.Count > 0)
        {
            lines.Add((false, $"The admin port answers to {hosts.Describe()}."));
        }
        else if (!IPAddress.IsLoopback(bound))
        {
            lines.Add((false, $"The admin port answers to {hosts.Describe()} only: bound to every interface, give --public-name NAME for each name clients use."));
        }

        return lines;
    }
}

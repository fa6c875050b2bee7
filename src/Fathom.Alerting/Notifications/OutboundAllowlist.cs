using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Fathom.Alerting.Notifications;

/// <summary>Where notifications may connect (server-level <c>--notify-allow</c>, never from <c>fathom.yaml</c>). With no
/// entries any address is allowed; with entries, a target must match one (a CIDR or address against the address actually
/// connected to, a host name against the name asked for). The platform's own ports on this machine are refused either
/// way. Names are resolved at connect time and every address is checked, so a name that re-resolves (DNS rebinding)
/// cannot slip past.</summary>
public sealed class OutboundAllowlist
{
    private readonly IReadOnlyList<IPNetwork> _networks;
    private readonly IReadOnlyList<string> _hosts;
    private readonly IPlatformPorts? _ports;

    /// <param name="entries">CIDRs (<c>10.0.0.0/8</c>), addresses or host names; empty allows any.</param>
    /// <param name="ports">The host's own ports, refused on this machine's addresses.</param>
    /// <exception cref="ArgumentException">An entry is neither.</exception>
    public OutboundAllowlist(IEnumerable<string> entries, IPlatformPorts? ports)
    {
        var networks = new List<IPNetwork>();
        var hosts = new List<string>();
        foreach (var raw in entries.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (IPNetwork.TryParse(raw, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(raw, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (Uri.CheckHostName(raw) == UriHostNameType.Dns)
            {
                hosts.Add(raw.TrimEnd('.').ToLowerInvariant());
            }
            else
            {
                throw new ArgumentException($"'{raw}' is not a CIDR (10.0.0.0/8), an address or a host name", nameof(entries));
            }
        }

        _networks = networks;
        _hosts = hosts;
        _ports = ports;
    }

    /// <summary>Whether entries were given (else any address but the platform's own ports).</summary>
    public bool Restricted => _networks.Count > 0 || _hosts.Count > 0;

    /// <summary>Resolves <paramref name="host"/> and connects to the first address allowed.</summary>
    /// <exception cref="OutboundRefusedException">No address of the host is allowed.</exception>
    public async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        string? refusal = null;
        Exception? failure = null;
        foreach (var address in addresses)
        {
            if (Check(host, address, port) is { } why)
            {
                refusal ??= why;
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
        }

        if (failure is not null)
        {
            throw new IOException($"cannot connect to {host}:{port}: {failure.Message}", failure);
        }

        throw new OutboundRefusedException(refusal ?? $"{host} has no address");
    }

    /// <summary>Null when <paramref name="address"/>:<paramref name="port"/> (reached through the name
    /// <paramref name="host"/>) is allowed; else why not.</summary>
    public string? Check(string host, IPAddress address, int port)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_ports is not null && _ports.Ports.Contains(port) && IsThisMachine(address))
        {
            return $"refused by the outbound allowlist: {address}:{port} is this Fathom server's own port";
        }

        if (!Restricted)
        {
            return null;
        }

        var name = host.TrimEnd('.').ToLowerInvariant();
        if (_hosts.Contains(name, StringComparer.Ordinal) || _networks.Any(n => n.Contains(address)))
        {
            return null;
        }

        return $"refused by the outbound allowlist: {host} ({address}) matches no --notify-allow entry";
    }

    private static bool IsThisMachine(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Any(u => u.Address.Equals(address));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}

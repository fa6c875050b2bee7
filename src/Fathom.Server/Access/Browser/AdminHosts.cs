using System.Net;
using Microsoft.AspNetCore.Http;

namespace Fathom.Server.Access.Browser;

/// <summary>The names the admin port answers to: loopback names and addresses always, every <c>--public-name</c>, and,
/// for a server bound beyond loopback without one, its bound address. A page on another site can make a browser resolve
/// its own name to this server (DNS rebinding); its requests still carry that name in <c>Host</c>, so they are refused.</summary>
public sealed class AdminHosts
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];
    private readonly HashSet<string> _names;

    private AdminHosts(HashSet<string> names, IReadOnlyList<string> extra)
    {
        _names = names;
        Extra = extra;
    }

    /// <summary>The names beyond loopback (public names, or the bound address when there is none), as given.</summary>
    public IReadOnlyList<string> Extra { get; }

    /// <summary>Whether the bound address was added because no <c>--public-name</c> was given for a non-loopback bind.</summary>
    public bool BoundAddressOnly { get; private init; }

    /// <param name="bound">The address both ports bind to.</param>
    /// <param name="publicNames">The <c>--public-name</c> values: host names or addresses, without scheme or port.</param>
    /// <exception cref="ArgumentException">A name is not a host name or address.</exception>
    public static AdminHosts Create(IPAddress bound, IReadOnlyList<string> publicNames)
    {
        var names = new HashSet<string>(LoopbackNames, StringComparer.OrdinalIgnoreCase);
        var extra = new List<string>();
        foreach (var name in publicNames)
        {
            var normalized = Normalize(name) ?? throw new ArgumentException($"--public-name '{name}' is not a host name or address (give it without scheme or port, e.g. fathom.example.com)");
            names.Add(normalized);
            extra.Add(normalized);
        }

        var boundOnly = false;
        if (extra.Count == 0 && !IPAddress.IsLoopback(bound) && !bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any))
        {
            var literal = Literal(bound);
            names.Add(literal);
            extra.Add(literal);
            boundOnly = true;
        }

        return new AdminHosts(names, extra) { BoundAddressOnly = boundOnly };
    }

    /// <summary>The loopback names only: a host that was given nothing else.</summary>
    public static AdminHosts LoopbackOnly { get; } = Create(IPAddress.Loopback, []);

    public bool Allows(HostString host) => host.HasValue && _names.Contains(host.Host);

    /// <summary>The allowed names for a message: "localhost, 127.0.0.1, [::1], fathom.example.com".</summary>
    public string Describe() => string.Join(", ", LoopbackNames.Concat(Extra));

    /// <summary>A host name or IP literal in the form <see cref="HostString.Host"/> gives (IPv6 in brackets), or null.</summary>
    private static string? Normalize(string name)
    {
        var trimmed = name.Trim().TrimEnd('.');
        if (IPAddress.TryParse(trimmed.Trim('[', ']'), out var address))
        {
            return Literal(address);
        }

        return Uri.CheckHostName(trimmed) == UriHostNameType.Dns ? trimmed.ToLowerInvariant() : null;
    }

    private static string Literal(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}

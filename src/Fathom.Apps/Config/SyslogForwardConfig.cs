namespace Fathom.Apps.Config;

/// <summary>A <c>- syslog:</c> entry of <c>logs.forward</c>: RFC 5424 messages over TCP (RFC 6587 octet counting),
/// optionally TLS.</summary>
public sealed record SyslogForwardConfig : LogForwardConfig
{
    /// <summary>The host part of <c>address</c> (a name or an IP address, without brackets).</summary>
    public required string Host { get; init; }

    /// <summary>The port part of <c>address</c>.</summary>
    public required int Port { get; init; }

    /// <summary><c>tls</c>: wrap the connection in TLS and check the server's certificate and name.</summary>
    public bool Tls { get; init; }

    /// <summary><c>ca</c>: absolute path of a PEM file whose certificates are the only roots trusted; null means the
    /// system's trust store.</summary>
    public string? CaFile { get; init; }

    /// <summary><c>facility</c>: the syslog facility of every message; <c>user</c> by default.</summary>
    public SyslogFacility Facility { get; init; } = SyslogFacility.User;
}

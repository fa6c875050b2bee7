using System.Net;

namespace Fathom.Telemetry.Logs.Forwarding.Syslog;

/// <summary>The HOSTNAME field: this machine's name, as RFC 5424 allows it (PRINTUSASCII, at most 255).</summary>
internal static class SyslogHost
{
    public static string Name()
    {
        string name;
        try
        {
            name = Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            name = "";
        }

        return Rfc5424Formatter.Field(name, 255);
    }
}

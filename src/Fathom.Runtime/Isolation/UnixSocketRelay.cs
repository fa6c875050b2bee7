using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// The fallback where namespaces cannot be entered (no CAP_SYS_ADMIN): the platform serves the Runtime API on a
/// Unix socket in a per-environment folder, bound into the sandbox at <see cref="SandboxSpec.RelayMount"/>,
/// and socat inside relays 127.0.0.1:9001 to it. Costs about 20 % throughput on a trivial handler.
/// </summary>
internal static class UnixSocketRelay
{
    /// Creates the listening Unix socket <paramref name="name"/> in <paramref name="directory"/> (kept short: sun_path is 108 bytes).
    public static Socket CreateListener(string directory, string name = SandboxSpec.RelaySocketName, int backlog = 512)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(backlog);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The command prefix run inside the sandbox: start one socat per relayed port, wait until each listens (node's
    /// client floods errors and never recovers if the Runtime API is missing at start), then exec the real command.
    /// </summary>
    public static IReadOnlyList<string> WrapCommand(params (int Port, string Socket)[] relays)
    {
        var script = new StringBuilder();
        foreach (var (port, socketName) in relays)
        {
            script.Append(CultureInfo.InvariantCulture,
                $"socat TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr,nodelay UNIX-CONNECT:{SandboxSpec.RelayMount}/{socketName} & ");
        }

        foreach (var (port, _) in relays)
        {
            // /proc/net/tcp lists the local address as hex IP:port; 0A is LISTEN.
            var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
            script.Append(CultureInfo.InvariantCulture, $"until grep -q '0100007F:{hexPort} 00000000:0000 0A' /proc/net/tcp; do sleep 0.001; done; ");
        }

        script.Append("exec \"$@\"");
        return ["sh", "-c", script.ToString(), "fathom-relay"];
    }
}

using System.Globalization;
using System.Net.Sockets;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// The fallback where namespaces cannot be entered (no CAP_SYS_ADMIN): the platform serves the Runtime API on a
/// Unix socket in a per-environment folder, bound into the sandbox at <see cref="SandboxSpec.RelayMount"/>,
/// and socat inside relays 127.0.0.1:9001 to it. Costs about 20 % throughput on a trivial handler.
/// </summary>
internal static class UnixSocketRelay
{
    /// Creates the listening Unix socket in <paramref name="directory"/> (kept short: sun_path is 108 bytes).
    public static Socket CreateListener(string directory, int backlog = 512)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, SandboxSpec.RelaySocketName);
        File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(backlog);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The command prefix run inside the sandbox: start socat, wait until it listens (node's client floods errors
    /// and never recovers if the Runtime API is missing at start), then exec the real command.
    /// </summary>
    public static IReadOnlyList<string> WrapCommand(int port)
    {
        // /proc/net/tcp lists the local address as hex IP:port; 0A is LISTEN.
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        var script =
            $"socat TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr,nodelay UNIX-CONNECT:{SandboxSpec.RelayMount}/{SandboxSpec.RelaySocketName} & " +
            $"until grep -q '0100007F:{hexPort} 00000000:0000 0A' /proc/net/tcp; do sleep 0.001; done; exec \"$@\"";
        return ["sh", "-c", script, "fathom-relay"];
    }
}

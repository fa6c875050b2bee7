using System.Runtime.InteropServices;

namespace Fathom.Runtime.Isolation;

/// Raw Linux calls the isolation code needs and .NET does not expose.
internal static class Libc
{
    public const int CloneNewNet = 0x40000000;
    public const int SigKill = 9;
    private const uint SiocGetInterfaceFlags = 0x8913;
    private const uint SiocSetInterfaceFlags = 0x8914;
    private const short InterfaceUp = 0x1;

    [DllImport("libc", SetLastError = true)]
    public static extern int setns(int fd, int nstype);

    [DllImport("libc", SetLastError = true)]
    public static extern int unshare(int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int sig);

    [DllImport("libc")]
    public static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, byte[] ifreq);

    /// Brings `lo` up in the calling thread's network namespace: a fresh namespace starts with it down.
    public static void BringLoopbackUp()
    {
        using var socket = new System.Net.Sockets.Socket(
            System.Net.Sockets.AddressFamily.InterNetwork,
            System.Net.Sockets.SocketType.Dgram,
            System.Net.Sockets.ProtocolType.Udp);
        var fd = (int)socket.SafeHandle.DangerousGetHandle();
        // struct ifreq: 16 bytes of name, then a union whose first member is the short ifr_flags.
        var ifreq = new byte[40];
        "lo"u8.CopyTo(ifreq);
        if (ioctl(fd, SiocGetInterfaceFlags, ifreq) != 0)
        {
            throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError(), "SIOCGIFFLAGS on lo failed");
        }

        var flags = BitConverter.ToInt16(ifreq, 16);
        BitConverter.TryWriteBytes(ifreq.AsSpan(16), (short)(flags | InterfaceUp));
        if (ioctl(fd, SiocSetInterfaceFlags, ifreq) != 0)
        {
            throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError(), "SIOCSIFFLAGS on lo failed");
        }
    }
}

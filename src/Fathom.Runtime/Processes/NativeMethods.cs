using System.Runtime.InteropServices;

namespace Fathom.Runtime.Processes;

/// <summary>The few libc calls .NET has no API for: signalling a process group and asking a pipe how much is unread.</summary>
internal static partial class NativeMethods
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const uint FionRead = 0x541B;
    private const int SetPipeSize = 1031;

    /// <summary>Sends <paramref name="signal"/> to every process in group <paramref name="processGroup"/>.</summary>
    public static bool KillGroup(int processGroup, int signal) => processGroup > 1 && Kill(-processGroup, signal) == 0;

    public static bool KillProcess(int pid, int signal) => pid > 1 && Kill(pid, signal) == 0;

    /// <summary>Bytes waiting in a pipe or socket; 0 when the call fails.</summary>
    public static int BytesAvailable(SafeHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Ioctl((int)handle.DangerousGetHandle(), FionRead, out var available) == 0 ? available : 0;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Grows a pipe's kernel buffer (F_SETPIPE_SZ); returns the new size or -1.</summary>
    public static int GrowPipe(SafeHandle handle, int bytes)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Fcntl((int)handle.DangerousGetHandle(), SetPipeSize, bytes);
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for <paramref name="fd"/> to be readable or closed at the other
    /// end; true when it is (or on an error the next read will report), false on timeout or interruption.</summary>
    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var poll = new PollFd { Fd = fd, Events = PollIn };
        var ready = Poll(ref poll, 1, timeoutMs);
        return ready > 0;
    }

    /// <summary>read(2): bytes read, 0 at end of file, -1 on error (<see cref="Marshal.GetLastPInvokeError"/>).</summary>
    public static int Read(int fd, Span<byte> buffer) => (int)ReadNative(fd, buffer, (nuint)buffer.Length);

    private const short PollIn = 0x001;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadNative(int fd, Span<byte> buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, uint request, out int value);
}

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

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, uint request, out int value);
}

using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// Marks every file descriptor this process inherited (beyond stdin, stdout and stderr) close-on-exec. .NET opens
/// its own files close-on-exec, but descriptors a shell, an editor or a supervisor left open when it started the
/// platform are inherited by every child, bubblewrap passes them on into the sandbox, and a function could then read
/// or write through them whatever they point at (a directory descriptor reaches the whole host file system).
/// Call <see cref="Seal"/> before the first child process starts.
/// </summary>
public static partial class InheritedDescriptors
{
    private const uint CloseRangeCloexec = 1 << 2; // CLOSE_RANGE_CLOEXEC, Linux 5.11
    private const int SetDescriptorFlags = 2;       // F_SETFD
    private const int GetDescriptorFlags = 1;       // F_GETFD
    private const int CloseOnExec = 1;              // FD_CLOEXEC
    private static int _sealed;

    /// <summary>Marks descriptors 3 and up close-on-exec, once per process; later calls do nothing.</summary>
    public static void Seal()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _sealed, 1) == 1)
        {
            return;
        }

        // One call on kernels that have it; otherwise one fcntl per open descriptor.
        try
        {
            if (CloseRange(3, uint.MaxValue, CloseRangeCloexec) == 0)
            {
                return;
            }
        }
        catch (EntryPointNotFoundException)
        {
            // A C library older than close_range (glibc 2.34): fall through to the walk.
        }

        foreach (var fd in OpenDescriptors().Where(fd => fd > 2))
        {
            var flags = Fcntl(fd, GetDescriptorFlags, 0);
            if (flags >= 0 && (flags & CloseOnExec) == 0 && Fcntl(fd, SetDescriptorFlags, flags | CloseOnExec) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), $"Cannot mark inherited file descriptor {fd} close-on-exec.");
            }
        }
    }

    /// <summary>Descriptors of this process that a child would inherit (not marked close-on-exec), 3 and up.</summary>
    public static IReadOnlyList<int> Inheritable() =>
        [.. OpenDescriptors().Where(fd => fd > 2 && Fcntl(fd, GetDescriptorFlags, 0) is var flags && flags >= 0 && (flags & CloseOnExec) == 0)];

    private static List<int> OpenDescriptors() =>
        [.. Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var fd) ? fd : -1)
            .Where(fd => fd >= 0)];

    [LibraryImport("libc", EntryPoint = "close_range", SetLastError = true)]
    private static partial int CloseRange(uint first, uint last, uint flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}

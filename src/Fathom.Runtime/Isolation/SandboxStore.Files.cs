using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Fathom.Runtime.Isolation;

/// <summary>How the store lays files down: hard links or widened copies, and folders with checked owners.</summary>
internal sealed partial class SandboxStore
{
    private const UnixFileMode OpenDirectory = (UnixFileMode)0b111_101_101;
    private const UnixFileMode WorldReadable = UnixFileMode.OtherRead;
    private const int FileTypeMask = 0xF000;  // S_IFMT
    private const int RegularFile = 0x8000;   // S_IFREG

    private static void CopyTree(DirectoryInfo source, string target)
    {
        // An explicit stack: trees such as node_modules nest deeply enough that recursion is not worth the risk.
        var pending = new Stack<(DirectoryInfo Source, string Target)>();
        pending.Push((source, target));
        while (pending.Count > 0)
        {
            var (from, to) = pending.Pop();
            System.IO.Directory.CreateDirectory(to);
            File.SetUnixFileMode(to, OpenDirectory);
            foreach (var info in from.EnumerateFileSystemInfos())
            {
                var destination = Path.Combine(to, info.Name);
                if (info.LinkTarget is { } linkTarget)
                {
                    File.CreateSymbolicLink(destination, linkTarget);
                }
                else if (info is DirectoryInfo directory)
                {
                    pending.Push((directory, destination));
                }
                else if (info is FileInfo file && Stat(file.FullName, out var status) == 0 && (status.Mode & FileTypeMask) == RegularFile)
                {
                    // Only regular files: a FIFO or socket left in a code folder has nothing to copy (and a FIFO would block).
                    PlaceFile(file, destination);
                }
            }
        }
    }

    private static void PlaceFile(FileInfo file, string destination)
    {
        var mode = file.UnixFileMode;
        // A link fails across file systems (EXDEV) or under protected_hardlinks (EPERM); a copy always works.
        if (mode.HasFlag(WorldReadable) && Link(file.FullName, destination) == 0)
        {
            return;
        }

        file.CopyTo(destination);
        // What the owner may read (and execute), everyone may: the store's root folder is what keeps others out.
        var widened = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (mode.HasFlag(UnixFileMode.UserExecute))
        {
            widened |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        }

        File.SetUnixFileMode(destination, widened);
    }

    /// <summary>
    /// Lets sandboxes (the sandbox group) enter <paramref name="directory"/> and connect to the named sockets in it, when
    /// the platform runs as root; run by an ordinary user, sandboxes are that user already.
    /// </summary>
    public static void ShareWithSandboxes(string directory, params string[] sockets)
    {
        if (Libc.geteuid() != 0)
        {
            return;
        }

        Give(directory, (UnixFileMode)0b111_101_000);
        foreach (var socket in sockets)
        {
            Give(Path.Combine(directory, socket), (UnixFileMode)0b110_110_000);
        }

        static void Give(string path, UnixFileMode mode)
        {
            if (Chown(path, 0, SandboxIdentity.Gid) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), $"Cannot give '{path}' to the sandbox group.");
            }

            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>Creates <paramref name="path"/> if missing, then insists it is a real folder with the given owner,
    /// group and mode, so nobody can have planted a symlink or a folder of their own there first.</summary>
    private static void EnsureDirectory(string path, UnixFileMode mode, int owner, int? group)
    {
        var created = !System.IO.Directory.Exists(path);
        if (created)
        {
            System.IO.Directory.CreateDirectory(path);
        }

        var info = new DirectoryInfo(path);
        if (info.LinkTarget is not null)
        {
            throw new InvalidOperationException($"The sandbox folder '{path}' is a symbolic link; remove it.");
        }

        if (Stat(path, out var status) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"Cannot inspect the sandbox folder '{path}'.");
        }

        if (status.Uid != owner)
        {
            throw new InvalidOperationException($"The sandbox folder '{path}' belongs to uid {status.Uid}, not {owner}; remove it.");
        }

        if (group is { } gid && status.Gid != gid && Chown(path, owner, gid) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"Cannot give the sandbox folder '{path}' to group {gid}.");
        }

        File.SetUnixFileMode(path, mode);
    }

    /// <summary>Owner, group and mode of a path itself (not a link's target), from <c>statx</c>: its layout is the
    /// same under every C library, unlike struct stat's.</summary>
    private static int Stat(string path, out (int Uid, int Gid, int Mode) status)
    {
        const int AtFdCwd = -100;
        const int AtSymlinkNoFollow = 0x100;
        const uint StatxType = 0x1, StatxMode = 0x2, StatxUid = 0x8, StatxGid = 0x10;
        Span<byte> buffer = stackalloc byte[256];
        var result = Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxUid | StatxGid, buffer);
        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode, ...
        status = (BitConverter.ToInt32(buffer[20..]), BitConverter.ToInt32(buffer[24..]), BitConverter.ToUInt16(buffer[28..]));
        return result;
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, int owner, int group);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, Span<byte> buffer);
}

using System.Globalization;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// The unprivileged host uid and gid a platform started as root runs its sandboxes as. Run by root, bubblewrap would
/// map the sandbox user to host uid 0: no capabilities, but every root-owned file the sandbox can see (all of
/// <c>/proc/sys</c>) stays writable. So the platform drops to a uid nobody else uses before bubblewrap starts.
/// </summary>
/// <remarks>
/// Uids come from <see cref="FirstUid"/> on, a block systemd documents as unused (0x70000000…), and are never
/// written to <c>/etc/passwd</c>. Each platform process holds an exclusive lock on its uid's file while it lives,
/// so two platforms on one machine never share one; the lowest free uid is taken, so a restarted platform usually
/// gets its old one back (and its store entries, see <see cref="SandboxStore"/>). All sandbox uids share one group,
/// <see cref="Gid"/>, which alone may enter the store.
/// </remarks>
internal sealed class SandboxIdentity : IDisposable
{
    /// The group every sandbox uid runs with.
    public const int Gid = 0x70000000;

    /// The first uid handed out.
    public const int FirstUid = Gid + 1;

    /// How many uids the block holds.
    public const int Count = 4096;

    private readonly FileStream _lock;

    private SandboxIdentity(int uid, FileStream held)
    {
        Uid = uid;
        _lock = held;
    }

    /// The host uid.
    public int Uid { get; }

    /// <summary>Takes the lowest free uid, locking it in <paramref name="lockDirectory"/> (root-only).</summary>
    /// <exception cref="InvalidOperationException">Every uid of the block is taken.</exception>
    public static SandboxIdentity Acquire(string lockDirectory)
    {
        Directory.CreateDirectory(lockDirectory);
        File.SetUnixFileMode(lockDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var taken = UidsInPasswd();
        for (var uid = FirstUid; uid < FirstUid + Count; uid++)
        {
            if (taken.Contains(uid))
            {
                continue;
            }

            var path = Path.Combine(lockDirectory, uid.ToString(CultureInfo.InvariantCulture) + ".lock");
            try
            {
                // .NET takes an exclusive flock for FileShare.None; it conflicts across processes and across handles.
                return new SandboxIdentity(uid, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                // Another live platform holds this one.
            }
        }

        throw new InvalidOperationException($"All {Count} sandbox uids from {FirstUid} are in use by other Fathom processes.");
    }

    /// Releases the uid for the next platform.
    public void Dispose() => _lock.Dispose();

    private static HashSet<int> UidsInPasswd()
    {
        var uids = new HashSet<int>();
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
                {
                    uids.Add(uid);
                }
            }
        }
        catch (IOException)
        {
            // No passwd file: nothing to avoid.
        }

        return uids;
    }
}

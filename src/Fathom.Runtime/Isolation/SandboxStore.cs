using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// A content-keyed copy of what a sandbox binds (function code, the runtime client, a node outside <c>/usr</c>, the
/// generated <c>/etc</c>) at a neutral path. Two reasons: bubblewrap runs as an unprivileged uid
/// (<see cref="SandboxIdentity"/>), which cannot reach code under a 0700 home or data directory; and a bind's source
/// path shows in the sandbox's <c>/proc/self/mountinfo</c>, so binding from the checkout would tell a function the
/// user's name and where the platform keeps its data.
/// </summary>
/// <remarks>
/// Files are hard-linked where the file system allows and the file is world-readable (so nothing is duplicated),
/// otherwise copied with owner-only bits widened to read (and execute where the owner may). Entries are immutable:
/// one is built in a temporary folder and renamed into place, keyed by the source path and a fingerprint of its
/// tree (file count, size and latest change), so a changed source gets a new entry. Entries unused for
/// <see cref="UnusedLifetime"/> are removed when a platform starts. Run as root, the root folder is
/// <c>root:&lt;sandbox gid&gt; 0750</c>: only sandbox uids (and root) may enter it.
/// </remarks>
internal sealed partial class SandboxStore
{
    /// How long an entry no environment used is kept.
    public static readonly TimeSpan UnusedLifetime = TimeSpan.FromDays(14);

    private const string CompleteMarker = ".fathom-complete";
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _entries = new(StringComparer.Ordinal);

    private readonly TimeProvider _timeProvider;

    private SandboxStore(string root, string storeDirectory, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        Root = root;
        Directory = storeDirectory;
    }

    /// The folder holding everything: the store, and (as root) the uid locks.
    public string Root { get; }

    /// The folder entries live in.
    public string Directory { get; }

    /// Where uid locks are kept (root only).
    public string LockDirectory => Path.Combine(Root, "locks");

    /// <summary>
    /// The default root: <c>/var/lib/fathom/sandbox</c> for root, <c>/var/tmp/fathom-&lt;uid&gt;</c> otherwise (names a
    /// number, not the user).
    /// </summary>
    public static string DefaultRoot() => Libc.geteuid() == 0
        ? "/var/lib/fathom/sandbox"
        : "/var/tmp/fathom-" + Libc.geteuid().ToString(CultureInfo.InvariantCulture);

    /// <summary>Opens (creating and securing) the store under <paramref name="root"/>, and drops long-unused entries.</summary>
    /// <exception cref="InvalidOperationException">The folder exists but belongs to someone else or is open to others.</exception>
    public static SandboxStore Open(string root, TimeProvider timeProvider)
    {
        var asRoot = Libc.geteuid() == 0;
        var store = Path.Combine(root, "store");
        if (asRoot)
        {
            EnsureDirectory(root, (UnixFileMode)0b111_001_001, owner: 0, group: 0);
            EnsureDirectory(store, (UnixFileMode)0b111_101_000, owner: 0, group: SandboxIdentity.Gid);
        }
        else
        {
            var uid = (int)Libc.geteuid();
            EnsureDirectory(root, (UnixFileMode)0b111_000_000, owner: uid, group: null);
            EnsureDirectory(store, (UnixFileMode)0b111_000_000, owner: uid, group: null);
        }

        var opened = new SandboxStore(root, store, timeProvider);
        opened.Sweep(timeProvider.GetUtcNow());
        return opened;
    }

    /// <summary>The store's copy of <paramref name="hostDirectory"/>, built on first use (later calls share it).</summary>
    public async Task<string> MaterializeAsync(string hostDirectory)
    {
        var full = Path.GetFullPath(hostDirectory);
        var entry = _entries.GetOrAdd(full, path => new Lazy<Task<string>>(() => Task.Run(() => Materialize(path))));
        string target;
        try
        {
            target = await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed build (a file vanished mid-copy) is retried by the next environment.
            _entries.TryRemove(KeyValuePair.Create(full, entry));
            throw;
        }

        // Another platform's sweep may have removed an entry this one has not used for two weeks: rebuild it. A use
        // refreshes the entry's age, at most once an hour, so a long-running platform keeps what it binds.
        var marker = new FileInfo(Path.Combine(target, CompleteMarker));
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (!marker.Exists)
        {
            _entries.TryRemove(KeyValuePair.Create(full, entry));
            return await MaterializeAsync(hostDirectory).ConfigureAwait(false);
        }

        if (now - marker.LastWriteTimeUtc > TimeSpan.FromHours(1))
        {
            marker.LastWriteTimeUtc = now;
        }

        return target;
    }

    /// <summary>The generated <c>/etc</c> folder for the sandbox user, in the store.</summary>
    public string EtcDirectory(int sandboxUid, bool outbound) => SandboxEtc.Ensure(Directory, sandboxUid, outbound);

    private string Materialize(string hostDirectory)
    {
        if (!System.IO.Directory.Exists(hostDirectory))
        {
            throw new DirectoryNotFoundException($"Cannot bind '{hostDirectory}' into a sandbox: it does not exist.");
        }

        var name = EntryName(hostDirectory);
        var target = Path.Combine(Directory, name);
        var marker = Path.Combine(target, CompleteMarker);
        if (File.Exists(marker))
        {
            return target;
        }

        var temp = target + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            CopyTree(new DirectoryInfo(hostDirectory), temp);
            File.WriteAllText(Path.Combine(temp, CompleteMarker), hostDirectory + "\n");
            try
            {
                System.IO.Directory.Move(temp, target);
            }
            catch (IOException) when (File.Exists(marker))
            {
                // Another platform built the same entry first; its copy is as good as ours.
                System.IO.Directory.Delete(temp, recursive: true);
            }

            return target;
        }
        catch
        {
            if (System.IO.Directory.Exists(temp))
            {
                System.IO.Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }

    private static string EntryName(string hostDirectory)
    {
        // The fingerprint catches a source changed in place (a node upgraded under the same path, say).
        long files = 0, bytes = 0, latest = 0;
        foreach (var info in new DirectoryInfo(hostDirectory).EnumerateFileSystemInfos("*", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
        }))
        {
            files++;
            latest = Math.Max(latest, info.LastWriteTimeUtc.Ticks);
            if (info is FileInfo file && file.LinkTarget is null)
            {
                bytes += file.Length;
            }
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"{hostDirectory}\n{files}\n{bytes}\n{latest}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var entry in new DirectoryInfo(Directory).EnumerateDirectories())
        {
            try
            {
                var marker = new FileInfo(Path.Combine(entry.FullName, CompleteMarker));
                var unfinished = entry.Name.Contains(".tmp-", StringComparison.Ordinal);
                var lastUse = marker.Exists ? marker.LastWriteTimeUtc : entry.LastWriteTimeUtc;
                if ((unfinished && now - lastUse > TimeSpan.FromHours(1)) || (marker.Exists && now - lastUse > UnusedLifetime))
                {
                    entry.Delete(recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use or vanished: the next start tries again.
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Fathom.Packaging.Sources;

/// <summary>
/// Remembers each file's content hash by (path, size, mtime) so an unchanged tree is hashed from
/// metadata alone; a file is only read again when its size or modification time moved.
/// </summary>
internal sealed class FileHashCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public string GetHash(string fullPath, long length, DateTime lastWriteUtc)
    {
        var ticks = lastWriteUtc.Ticks;
        if (_entries.TryGetValue(fullPath, out var entry) && entry.Length == length && entry.LastWriteTicks == ticks)
        {
            return entry.Hash;
        }

        var hash = HashFile(fullPath);
        _entries[fullPath] = new Entry(length, ticks, hash);
        return hash;
    }

    public static string HashFile(string fullPath)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private readonly record struct Entry(long Length, long LastWriteTicks, string Hash);
}

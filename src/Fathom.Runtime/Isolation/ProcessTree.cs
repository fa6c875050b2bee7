using System.Globalization;

namespace Fathom.Runtime.Isolation;

/// <summary>Reads a process and its descendants from /proc (host pids, so it sees through pid namespaces).</summary>
internal static class ProcessTree
{
    /// The root and every descendant alive now.
    public static IReadOnlyList<int> Collect(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || ReadParent(pid) is not { } parent)
            {
                continue;
            }

            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(pid);
        }

        var result = new List<int> { rootPid };
        for (var i = 0; i < result.Count; i++)
        {
            if (children.TryGetValue(result[i], out var kids))
            {
                result.AddRange(kids);
            }
        }

        return result;
    }

    /// <summary>Resident memory of the processes that a memory cgroup would charge them, in bytes: anonymous and shared
    /// memory (RssAnon + RssShmem), not file pages such as node's own binary (about 37 MB, which a cgroup charges to
    /// whoever read it first). Processes that exited meanwhile count as zero.</summary>
    public static long ResidentBytes(IEnumerable<int> pids)
    {
        long total = 0;
        foreach (var pid in pids)
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("RssAnon:", StringComparison.Ordinal) || line.StartsWith("RssShmem:", StringComparison.Ordinal))
                    {
                        // "RssAnon:\t    9880 kB"
                        var value = line.AsSpan(line.IndexOf(':') + 1).Trim();
                        total += long.Parse(value[..value.IndexOf(' ')], CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone between listing and reading.
            }
        }

        return total;
    }

    private static int? ReadParent(int pid)
    {
        try
        {
            // The command name in parentheses may hold spaces; the fields after the last ')' are fixed.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(rest[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

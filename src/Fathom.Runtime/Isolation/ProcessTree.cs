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

    /// Resident memory of the processes, in bytes (processes that exited meanwhile count as zero).
    public static long ResidentBytes(IEnumerable<int> pids)
    {
        long total = 0;
        foreach (var pid in pids)
        {
            try
            {
                var statm = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
                total += long.Parse(statm[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
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

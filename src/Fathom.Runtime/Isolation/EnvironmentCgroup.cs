using System.Globalization;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// One environment's cgroup (v1: a memory group plus a pids group; v2: one group). The environment's first
/// process joins it before it execs anything else (<see cref="JoinPrefix"/>), so every child is limited too.
/// </summary>
internal sealed class EnvironmentCgroup
{
    private readonly CgroupVersion _version;
    private readonly string _memoryDir;
    private readonly string? _pidsDir;

    internal EnvironmentCgroup(CgroupVersion version, string memoryDir, string? pidsDir)
    {
        _version = version;
        _memoryDir = memoryDir;
        _pidsDir = pidsDir;
    }

    /// The group's folder in the memory hierarchy (v2: the group).
    public string Path => _memoryDir;

    /// The cgroup.procs files a process writes its pid to, one per hierarchy.
    public IReadOnlyList<string> ProcsFiles => _pidsDir is null
        ? [System.IO.Path.Combine(_memoryDir, "cgroup.procs")]
        : [System.IO.Path.Combine(_memoryDir, "cgroup.procs"), System.IO.Path.Combine(_pidsDir, "cgroup.procs")];

    /// <summary>
    /// A command prefix: <c>sh -c 'echo $$ &gt; …/cgroup.procs &amp;&amp; exec "$@"'</c>. The shell joins the groups
    /// with its own pid, then execs the rest of the argv, so nothing runs outside the limits.
    /// </summary>
    public static IReadOnlyList<string> JoinPrefix(IReadOnlyList<string> procsFiles)
    {
        var joins = string.Join(" && ", procsFiles.Select(f => $"echo $$ > '{f.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
        return ["sh", "-c", joins + " && exec \"$@\"", "fathom-cgroup"];
    }

    /// Wraps <paramref name="argv"/> so it runs inside this group.
    public IReadOnlyList<string> WrapCommand(IReadOnlyList<string> argv) => [.. JoinPrefix(ProcsFiles), .. argv];

    /// Moves an already running process in (its existing children stay where they are).
    public void AddProcess(int pid)
    {
        foreach (var file in ProcsFiles)
        {
            File.WriteAllText(file, pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// Highest memory use since creation or the last <see cref="ResetPeak"/>, in bytes; null where the kernel has no counter.
    public long? ReadPeakBytes() => ReadLong(_version == CgroupVersion.V1 ? "memory.max_usage_in_bytes" : "memory.peak");

    /// Memory in use now, in bytes.
    public long? ReadCurrentBytes() => ReadLong(_version == CgroupVersion.V1 ? "memory.usage_in_bytes" : "memory.current");

    /// <summary>
    /// Restarts the peak counter so the next reading covers one invocation. v1 supports it; v2's
    /// <c>memory.peak</c> resets only per open file, so there it returns false and the peak stays lifetime-wide.
    /// </summary>
    public bool ResetPeak()
    {
        if (_version != CgroupVersion.V1)
        {
            return false;
        }

        File.WriteAllText(System.IO.Path.Combine(_memoryDir, "memory.max_usage_in_bytes"), "0");
        return true;
    }

    /// How many processes the kernel killed for running out of memory in this group.
    public long ReadOomKills() =>
        ReadKey(_version == CgroupVersion.V1 ? "memory.oom_control" : "memory.events", "oom_kill", _memoryDir) ?? 0;

    /// How many forks failed at the pids limit.
    public long ReadPidsLimitHits() => ReadKey("pids.events", "max", _pidsDir ?? _memoryDir) ?? 0;

    /// Pids in the group now.
    public IReadOnlyList<int> ReadProcesses()
    {
        var file = System.IO.Path.Combine(_memoryDir, "cgroup.procs");
        if (!File.Exists(file))
        {
            return [];
        }

        return [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))];
    }

    /// SIGKILLs every process in the group.
    public void KillAll()
    {
        var kill = System.IO.Path.Combine(_memoryDir, "cgroup.kill");
        if (_version == CgroupVersion.V2 && File.Exists(kill))
        {
            File.WriteAllText(kill, "1");
            return;
        }

        foreach (var pid in ReadProcesses())
        {
            Libc.kill(pid, Libc.SigKill);
        }
    }

    /// Kills what is left and removes the group, waiting for the processes to be gone (a group with tasks cannot be removed).
    public async Task RemoveAsync(TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var deadline = timeProvider.GetTimestamp() + (timeProvider.TimestampFrequency * 10);
        foreach (var dir in new[] { _memoryDir, _pidsDir }.OfType<string>())
        {
            while (Directory.Exists(dir))
            {
                KillAll();
                foreach (var pid in ReadProcs(dir))
                {
                    Libc.kill(pid, Libc.SigKill);
                }

                try
                {
                    Directory.Delete(dir);
                }
                catch (IOException) when (timeProvider.GetTimestamp() < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(10), timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    internal void ApplyLimits(long memoryBytes, int pidsLimit)
    {
        var bytes = memoryBytes.ToString(CultureInfo.InvariantCulture);
        var pids = pidsLimit.ToString(CultureInfo.InvariantCulture);
        if (_version == CgroupVersion.V1)
        {
            Write(_memoryDir, "memory.limit_in_bytes", bytes);
            // memsw (memory + swap) must be at least the memory limit; absent when swap accounting is off.
            WriteIfExists(_memoryDir, "memory.memsw.limit_in_bytes", bytes);
            if (_pidsDir is not null)
            {
                Write(_pidsDir, "pids.max", pids);
            }
        }
        else
        {
            Write(_memoryDir, "memory.max", bytes);
            WriteIfExists(_memoryDir, "memory.swap.max", "0");
            // One out-of-memory kill takes the whole environment, as on Lambda.
            WriteIfExists(_memoryDir, "memory.oom.group", "1");
            WriteIfExists(_memoryDir, "pids.max", pids);
        }
    }

    private static IEnumerable<int> ReadProcs(string dir)
    {
        var file = System.IO.Path.Combine(dir, "cgroup.procs");
        return File.Exists(file)
            ? [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))]
            : [];
    }

    private static void Write(string dir, string name, string value) => File.WriteAllText(System.IO.Path.Combine(dir, name), value);

    private static void WriteIfExists(string dir, string name, string value)
    {
        var path = System.IO.Path.Combine(dir, name);
        if (File.Exists(path))
        {
            File.WriteAllText(path, value);
        }
    }

    private static long? ReadKey(string name, string key, string dir)
    {
        var path = System.IO.Path.Combine(dir, name);
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && parts[0] == key)
            {
                return long.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private long? ReadLong(string name)
    {
        var path = System.IO.Path.Combine(_memoryDir, name);
        return File.Exists(path) ? long.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture) : null;
    }
}

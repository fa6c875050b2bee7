using System.Globalization;

namespace Fathom.Runtime.Isolation;

/// <summary>
/// Finds a writable cgroup hierarchy at run time (v2 unified or v1 memory + pids) and creates one group per
/// environment under a platform parent group (<c>fathom</c> by default).
/// </summary>
internal sealed class CgroupController
{
    private readonly string? _memoryParent;
    private readonly string? _pidsParent;

    private CgroupController(CgroupVersion version, string? memoryParent, string? pidsParent, string? problem)
    {
        Version = version;
        _memoryParent = memoryParent;
        _pidsParent = pidsParent;
        Problem = problem;
    }

    /// The interface in use, or <see cref="CgroupVersion.None"/>.
    public CgroupVersion Version { get; }

    /// The platform's parent group in the memory hierarchy (v2: the parent group), or null.
    public string? ParentPath => _memoryParent;

    /// Whether groups can be created.
    public bool IsWritable => Version != CgroupVersion.None;

    /// Why no cgroup is usable, for the warning; null when writable.
    public string? Problem { get; }

    /// Whether a pids limit is enforced (v1 needs the separate pids hierarchy).
    public bool HasPidsLimit => Version == CgroupVersion.V2 || _pidsParent is not null;

    /// Detects the hierarchy under <paramref name="root"/> and prepares the parent group.
    public static CgroupController Detect(string root = "/sys/fs/cgroup", string parentName = "fathom")
    {
        try
        {
            if (File.Exists(Path.Combine(root, "cgroup.controllers")))
            {
                return DetectV2(root, parentName);
            }

            var memoryRoot = Path.Combine(root, "memory");
            if (File.Exists(Path.Combine(memoryRoot, "memory.limit_in_bytes")))
            {
                var memoryParent = Path.Combine(memoryRoot, parentName);
                Directory.CreateDirectory(memoryParent);
                Probe(memoryParent);
                string? pidsParent = null;
                var pidsRoot = Path.Combine(root, "pids");
                if (File.Exists(Path.Combine(pidsRoot, "cgroup.procs")))
                {
                    pidsParent = Path.Combine(pidsRoot, parentName);
                    Directory.CreateDirectory(pidsParent);
                    Probe(pidsParent);
                }

                return new CgroupController(CgroupVersion.V1, memoryParent, pidsParent, null);
            }

            return new CgroupController(CgroupVersion.None, null, null, $"no cgroup memory controller under {root}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CgroupController(CgroupVersion.None, null, null, $"cgroups under {root} are not writable: {e.Message}");
        }
    }

    /// <summary>
    /// Creates the group for one environment: memory limit (swap included where the kernel accounts it, so swap
    /// cannot hide an out-of-memory) and pids limit. Returns the group; remove it with
    /// <see cref="EnvironmentCgroup.RemoveAsync"/>.
    /// </summary>
    public EnvironmentCgroup Create(string name, long memoryBytes, int pidsLimit)
    {
        if (!IsWritable)
        {
            throw new InvalidOperationException($"No writable cgroup: {Problem}");
        }

        var memoryDir = Path.Combine(_memoryParent!, name);
        // v2 keeps every controller in the one group; v1 has a group per hierarchy.
        var pidsDir = Version == CgroupVersion.V2 || _pidsParent is null ? null : Path.Combine(_pidsParent, name);
        Directory.CreateDirectory(memoryDir);
        if (pidsDir is not null)
        {
            Directory.CreateDirectory(pidsDir);
        }

        var group = new EnvironmentCgroup(Version, memoryDir, pidsDir);
        group.ApplyLimits(memoryBytes, pidsLimit);
        return group;
    }

    /// <summary>
    /// Removes groups a crashed platform left behind (their processes died with it through the parent-death signal).
    /// With <paramref name="onlyEmptyOlderThan"/>, a group that still holds processes or is younger is kept, so a
    /// live host sharing the parent keeps its environments.
    /// </summary>
    public async Task SweepAsync(TimeProvider timeProvider, TimeSpan? onlyEmptyOlderThan = null, CancellationToken cancellationToken = default, IReadOnlyCollection<string>? abandoned = null)
    {
        foreach (var parent in new[] { _memoryParent, _pidsParent }.OfType<string>().Distinct())
        {
            foreach (var dir in Directory.EnumerateDirectories(parent))
            {
                // Groups of environments whose host is known dead go at once; others only when empty and old, since a
                // live host sharing the parent may be starting them right now.
                var dead = abandoned?.Contains(Path.GetFileName(dir)) == true;
                if (!dead && onlyEmptyOlderThan is { } age && !IsAbandoned(dir, age, timeProvider))
                {
                    continue;
                }

                var group = Version == CgroupVersion.V2
                    ? new EnvironmentCgroup(Version, dir, null)
                    : new EnvironmentCgroup(Version, parent == _memoryParent ? dir : Path.Combine(_memoryParent!, Path.GetFileName(dir)), parent == _pidsParent ? dir : null);
                await group.RemoveAsync(timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsAbandoned(string dir, TimeSpan age, TimeProvider timeProvider)
    {
        try
        {
            var procs = File.ReadAllText(Path.Combine(dir, "cgroup.procs"));
            return procs.Trim().Length == 0 && timeProvider.GetUtcNow() - Directory.GetLastWriteTimeUtc(dir) > age;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// Removes the parent group itself (tests use their own parent).
    public void RemoveParent()
    {
        foreach (var parent in new[] { _memoryParent, _pidsParent }.OfType<string>().Distinct())
        {
            try
            {
                Directory.Delete(parent);
            }
            catch (IOException)
            {
                // Still holds groups; the next sweep takes it.
            }
        }
    }

    private static CgroupController DetectV2(string root, string parentName)
    {
        var available = File.ReadAllText(Path.Combine(root, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!available.Contains("memory"))
        {
            return new CgroupController(CgroupVersion.None, null, null, $"cgroup v2 at {root} has no memory controller (available: {string.Join(' ', available)})");
        }

        var wanted = available.Contains("pids") ? "+memory +pids" : "+memory";
        File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), wanted);
        var parent = Path.Combine(root, parentName);
        Directory.CreateDirectory(parent);
        // Our groups sit one level below the parent, which must pass the controllers down and hold no processes.
        File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), wanted);
        Probe(parent);
        return new CgroupController(CgroupVersion.V2, parent, available.Contains("pids") ? parent : null, null);
    }

    private static void Probe(string parent)
    {
        var probe = Path.Combine(parent, "probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(probe);
        Directory.Delete(probe);
    }
}

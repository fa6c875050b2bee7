using System.Text;

namespace Fathom.Runtime.Processes;

/// <summary>Remembers the running environments on disk so that a host killed with SIGKILL has its leftovers
/// reaped when the next host starts. Each environment gets one small file naming its owner (pid and kernel
/// start time, so a recycled pid is not mistaken for a live owner) and its process; every process of the
/// environment carries <see cref="MarkerVariable"/>, which is what reaping matches, never a bare pid.</summary>
internal sealed class ProcessRegistry
{
    public const string MarkerVariable = "FATHOM_ENV_ID";
    private const string Extension = ".env";

    private readonly string _directory;
    private readonly string _owner;

    public ProcessRegistry(string stateDirectory)
    {
        _directory = Path.Combine(stateDirectory, "runtime", "environments");
        Directory.CreateDirectory(_directory);
        _owner = $"{Environment.ProcessId} {StartTime(Environment.ProcessId)}";
    }

    public void Register(string environmentId, int pid) =>
        File.WriteAllText(Path.Combine(_directory, environmentId + Extension), $"{_owner}\n{pid}\n");

    public void Unregister(string environmentId)
    {
        try
        {
            File.Delete(Path.Combine(_directory, environmentId + Extension));
        }
        catch (IOException)
        {
            // A missing or locked entry is reaped (harmlessly) at the next startup.
        }
    }

    /// <summary>Kills every process left by environments whose host is gone; returns how many were killed.</summary>
    public int ReapLeftovers() => ReapLeftovers(out _);

    /// <summary>Like <see cref="ReapLeftovers()"/>, and names the environments whose host is gone, so their cgroups
    /// can go at once.</summary>
    public int ReapLeftovers(out IReadOnlyCollection<string> environmentIds)
    {
        var leftovers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_directory, "*" + Extension))
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (IOException)
            {
                continue;
            }

            var owner = lines.Length > 0 ? lines[0].Split(' ') : [];
            if (owner.Length == 2 && int.TryParse(owner[0], out var ownerPid) && StartTime(ownerPid) == owner[1] && owner[1].Length > 0)
            {
                continue; // another live host owns it
            }

            leftovers[Path.GetFileNameWithoutExtension(file)] = file;
        }

        environmentIds = leftovers.Keys;
        if (leftovers.Count == 0)
        {
            return 0;
        }

        var killed = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            var marker = Marker(pid);
            if (marker is not null && leftovers.ContainsKey(marker))
            {
                NativeMethods.KillGroup(pid, NativeMethods.SigKill);
                if (NativeMethods.KillProcess(pid, NativeMethods.SigKill))
                {
                    killed++;
                }
            }
        }

        foreach (var file in leftovers.Values)
        {
            File.Delete(file);
        }

        return killed;
    }

    /// <summary>The <see cref="MarkerVariable"/> value in a process's environment, or null.</summary>
    internal static string? Marker(int pid)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var prefix = Encoding.ASCII.GetBytes(MarkerVariable + "=");
        foreach (var range in environ.AsSpan().Split((byte)0))
        {
            var entry = environ.AsSpan(range);
            if (entry.StartsWith(prefix))
            {
                return Encoding.ASCII.GetString(entry[prefix.Length..]);
            }
        }

        return null;
    }

    /// <summary>The kernel start time of a process (field 22 of /proc/PID/stat), or "" when it is gone.</summary>
    internal static string StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}

namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>Reads the process tree from /proc, to prove that stopping Fathom leaves no child behind.</summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var child))
            {
                continue;
            }

            try
            {
                // Field 4 of /proc/PID/stat is the parent pid; the command name (field 2) may hold spaces, so split after ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[child] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }

        var result = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var (child, parent) in parents)
            {
                if (parent == current)
                {
                    result.Add(child);
                    queue.Enqueue(child);
                }
            }
        }

        return result;
    }

    /// <summary>The process's command line with arguments separated by spaces, or "" when it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The runtime processes (node running the runtime client) under <paramref name="pid"/> serving
    /// <paramref name="handler"/>, with the function version each runs; the sandbox's own processes are left out.</summary>
    public static IReadOnlyList<(int Pid, string? Version)> RuntimeProcesses(int pid, string handler) =>
        Descendants(pid)
            .Select(child => (Pid: child, Arguments: Arguments(child)))
            .Where(p => p.Arguments.Length >= 2 && Path.GetFileName(p.Arguments[0]) == "node" && p.Arguments[^1] == handler && IsAlive(p.Pid))
            .Select(p => (p.Pid, EnvironmentVariable(p.Pid, "AWS_LAMBDA_FUNCTION_VERSION")))
            .ToList();

    /// <summary>Waits until none of the processes is alive, and returns those still alive at the deadline.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var alive = pids.Where(IsAlive).ToArray();
            if (alive.Length == 0 || deadline.Elapsed > timeout)
            {
                return alive;
            }

            await Task.Delay(50);
        }
    }

    public static bool IsAlive(int pid) => ProcessState.IsAlive(pid);

    private static string[] Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static string? EnvironmentVariable(int pid, string name)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0')
                .FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

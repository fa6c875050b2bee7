namespace Fathom.TestKit;

/// <summary>What /proc says about a pid, for tests that prove processes are gone.</summary>
public static class ProcessState
{
    /// <summary>True while the pid names a live process; a zombie counts as gone.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            // The state letter follows the command name, which may itself hold spaces or parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>True once the pid is reaped: not even a zombie is left, so its parent has seen the exit.</summary>
    public static bool IsReaped(int pid) => !Directory.Exists($"/proc/{pid}");
}

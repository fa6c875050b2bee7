namespace Fathom.Runtime.Tests.Support;

internal static class Wait
{
    /// <summary>Polls a condition the OS offers no signal for (a process disappearing), with a generous limit.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, int seconds = 30)
    {
        var limit = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > limit)
            {
                return false;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return true;
    }

    /// <summary>True once the pid is reaped: not even a zombie is left, so its parent has seen the exit.</summary>
    public static bool IsReaped(int pid) => !Directory.Exists($"/proc/{pid}");

    /// <summary>True while the pid names a live (not zombie) process.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}

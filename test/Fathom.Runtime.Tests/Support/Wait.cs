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

    public static bool IsReaped(int pid) => ProcessState.IsReaped(pid);

    public static bool IsAlive(int pid) => ProcessState.IsAlive(pid);
}

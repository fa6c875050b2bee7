namespace Fathom.Telemetry.Tests.Forwarding;

/// <summary>Waits for a condition that background work makes true (a file written by another process, a counter).</summary>
internal static class Eventually
{
    public static async Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

using System.Runtime.InteropServices;

namespace Fathom.Cli.Common;

/// <summary>Runs a long-lived host (`fathom up`, `fathom server`) until Ctrl+C or SIGTERM, then disposes it, which drains
/// in-flight requests and stops every environment; a second Ctrl+C is not needed.</summary>
internal static class HostRun
{
    /// <param name="start">Starts the host.</param>
    /// <param name="startFailure">The one-line reason when an exception is the host's own start failure (exit 1); null
    /// rethrows it.</param>
    public static async Task<int> UntilStoppedAsync<THost>(
        Func<CancellationToken, Task<THost>> start, Func<Exception, string?> startFailure, CancellationToken cancellationToken)
        where THost : IAsyncDisposable
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        THost host;
        try
        {
            host = await start(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (startFailure(e) is { } reason)
        {
            await Console.Error.WriteLineAsync($"error: {reason}");
            return 1;
        }

        await using (host)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            Console.WriteLine("Stopping ...");
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Fathom.Gateway.Invoke;

/// <summary>Runs <c>Event</c> invocations after the caller got its 202, and lets shutdown wait for them.</summary>
internal sealed class BackgroundInvocations : IHostedService
{
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    public int Count => _running.Count;

    public void Start(Func<Task> work)
    {
        var task = Task.Run(work);
        _running[task] = true;
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On shutdown, lets accepted events finish until the host's shutdown timeout.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DrainAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Waits for the invocations running now, or until <paramref name="cancellationToken"/> fires.</summary>
    public Task DrainAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
}

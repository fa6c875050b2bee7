using System.Collections.Concurrent;
using Fathom.Telemetry.Errors;

namespace Fathom.Telemetry.Tests.Errors.Sentry;

/// <summary>Stands in for the error tracker (which registers the real <see cref="IErrorSink"/>): keeps what it is
/// offered, or refuses everything as a full queue would.</summary>
internal sealed class RecordingErrorSink : IErrorSink
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<ErrorEvent> Events { get; } = new();

    /// <summary>False makes every offer fail, as a full queue does.</summary>
    public bool Accepting { get; set; } = true;

    public bool Offer(ErrorEvent errorEvent)
    {
        if (!Accepting)
        {
            return false;
        }

        Events.Enqueue(errorEvent);
        _first.TrySetResult();
        return true;
    }

    /// <summary>The first event offered.</summary>
    public async Task<ErrorEvent> FirstAsync(TimeSpan timeout)
    {
        await _first.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
        return Events.First();
    }
}

using System.Threading.Channels;

namespace Fathom.Platform.Events;

/// <summary>One consumer's bounded queue of events. Events that arrive while it is full are dropped and counted, so
/// a slow consumer never slows the publisher. Dispose to unsubscribe.</summary>
/// <typeparam name="TEvent">The events carried.</typeparam>
public sealed class EventSubscription<TEvent> : IDisposable
    where TEvent : class
{
    private readonly Channel<TEvent> _channel;
    private readonly Action<EventSubscription<TEvent>> _unsubscribe;
    private readonly Action<TEvent>? _dropped;
    private long _droppedCount;

    internal EventSubscription(int capacity, Action<EventSubscription<TEvent>> unsubscribe, Action<TEvent>? dropped)
    {
        _channel = Channel.CreateBounded<TEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _unsubscribe = unsubscribe;
        _dropped = dropped;
    }

    /// <summary>The events, in the order they were published.</summary>
    public ChannelReader<TEvent> Reader => _channel.Reader;

    /// <summary>How many events this subscriber lost because its queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _droppedCount);

    internal void Publish(TEvent published)
    {
        // TryWrite on a full bounded channel in Wait mode returns false at once: the publisher never waits.
        if (!_channel.Writer.TryWrite(published))
        {
            Interlocked.Increment(ref _droppedCount);
            _dropped?.Invoke(published);
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        _unsubscribe(this);
        Complete();
    }
}

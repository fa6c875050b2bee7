using System.Threading.Channels;

namespace Fathom.Runtime.Events;

/// <summary>One consumer's bounded queue of runtime events. Events that arrive while it is full are dropped
/// and counted, so a slow consumer never slows an invocation. Dispose to unsubscribe.</summary>
public sealed class RuntimeEventSubscription : IDisposable
{
    private readonly Channel<RuntimeEvent> _channel;
    private readonly Action<RuntimeEventSubscription> _unsubscribe;
    private long _dropped;

    internal RuntimeEventSubscription(int capacity, Action<RuntimeEventSubscription> unsubscribe)
    {
        _channel = Channel.CreateBounded<RuntimeEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _unsubscribe = unsubscribe;
    }

    /// <summary>The events, in the order they were published.</summary>
    public ChannelReader<RuntimeEvent> Reader => _channel.Reader;

    /// <summary>How many events this subscriber lost because its queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Publish(RuntimeEvent runtimeEvent)
    {
        if (!_channel.Writer.TryWrite(runtimeEvent))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        _unsubscribe(this);
        Complete();
    }
}

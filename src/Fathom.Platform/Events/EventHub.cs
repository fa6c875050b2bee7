namespace Fathom.Platform.Events;

/// <summary>Fans in-process events out to every subscriber's own bounded queue (DESIGN.md "Invocation events"):
/// publishing never waits, and a subscriber that falls behind loses events and counts them, never slowing the
/// publisher (an invocation, a gateway request).</summary>
/// <typeparam name="TEvent">The events carried.</typeparam>
public class EventHub<TEvent>
    where TEvent : class
{
    /// <summary>The queue length a subscriber gets when it names none.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Lock _lock = new();
    private EventSubscription<TEvent>[] _subscribers = [];

    /// <summary>Starts receiving events from now on, into a queue of <paramref name="capacity"/> events.</summary>
    /// <param name="capacity">The queue length.</param>
    /// <param name="dropped">Called (on the publisher's thread, so it must be cheap) with each event lost to a full queue.</param>
    public EventSubscription<TEvent> Subscribe(int capacity = DefaultCapacity, Action<TEvent>? dropped = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new EventSubscription<TEvent>(capacity, Unsubscribe, dropped);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>Offers the event to every subscriber; never blocks.</summary>
    public void Publish(TEvent published)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Publish(published);
        }
    }

    /// <summary>Ends every subscription: their readers complete once drained.</summary>
    public void CompleteAll()
    {
        EventSubscription<TEvent>[] subscribers;
        lock (_lock)
        {
            subscribers = _subscribers;
            _subscribers = [];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Complete();
        }
    }

    private void Unsubscribe(EventSubscription<TEvent> subscription)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers.Where(s => s != subscription)];
        }
    }
}

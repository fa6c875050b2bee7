namespace Fathom.Runtime.Events;

/// <summary>Fans runtime events out to every subscriber's own bounded channel (DESIGN.md "Invocation events").</summary>
public sealed class RuntimeEventHub
{
    /// <summary>The queue length a subscriber gets when it names none.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Lock _lock = new();
    private RuntimeEventSubscription[] _subscribers = [];

    /// <summary>Starts receiving events from now on, into a queue of <paramref name="capacity"/> events.</summary>
    public RuntimeEventSubscription Subscribe(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new RuntimeEventSubscription(capacity, Unsubscribe);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    internal void Publish(RuntimeEvent runtimeEvent)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Publish(runtimeEvent);
        }
    }

    internal void CompleteAll()
    {
        RuntimeEventSubscription[] subscribers;
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

    private void Unsubscribe(RuntimeEventSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers.Where(s => s != subscription)];
        }
    }
}

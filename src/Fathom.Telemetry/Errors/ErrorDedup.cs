namespace Fathom.Telemetry.Errors;

/// <summary>The recent failures by request id and exception type, so an SDK's report and the platform's of one failure
/// are one event. Bounded: the oldest keys go first (the two reports arrive within seconds of each other).</summary>
internal sealed class ErrorDedup(int capacity)
{
    private readonly Dictionary<(string RequestId, string Type), (long RowId, string Origin)> _seen = [];
    private readonly Queue<(string, string)> _order = new();

    public (long RowId, string Origin)? Find(ErrorEvent errorEvent) =>
        errorEvent.RequestId is { Length: > 0 } requestId && _seen.TryGetValue((requestId, errorEvent.Type), out var seen) ? seen : null;

    public void Remember(ErrorEvent errorEvent, long rowId)
    {
        if (errorEvent.RequestId is not { Length: > 0 } requestId)
        {
            return;
        }

        var key = (requestId, errorEvent.Type);
        if (!_seen.ContainsKey(key))
        {
            _order.Enqueue(key);
            if (_order.Count > capacity)
            {
                _seen.Remove(_order.Dequeue());
            }
        }

        _seen[key] = (rowId, errorEvent.Origin);
    }
}

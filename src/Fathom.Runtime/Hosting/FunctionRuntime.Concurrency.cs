namespace Fathom.Runtime.Hosting;

public sealed partial class FunctionRuntime
{
    /// <inheritdoc />
    public void SetReservedConcurrency(string app, string environment, string function, int? reserved)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        ArgumentOutOfRangeException.ThrowIfNegative(reserved ?? 0);
        var key = (app, environment, function);
        if (reserved is { } limit)
        {
            _reserved[key] = limit;
        }
        else
        {
            _reserved.TryRemove(key, out _);
        }

        // Reserved concurrency is the function's, not a version's: every loaded version takes the new limit.
        foreach (var pool in _pools.Values)
        {
            var model = pool.Function;
            if (model.Name == function && model.App == app && model.EnvironmentName == environment)
            {
                pool.SetThrottleLimit(
                    reserved ?? model.ThrottleLimit,
                    reserved is not null || model.Definition.ReservedConcurrency is not null);
            }
        }
    }
}

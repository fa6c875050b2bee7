using Fathom.Runtime.Invocations;

namespace Fathom.Runtime.Environments;

/// <summary>Eager warm-up: one on-demand environment started before the first call (what <c>sam local
/// --warm-containers EAGER</c> does), parked idle and scaled to zero like any other.</summary>
internal sealed partial class EnvironmentPool
{
    /// <summary>Starts one environment when the version has none; completes when it is ready (or failed to start,
    /// in which case the next call starts its own and reports the init error).</summary>
    public async Task PrewarmAsync()
    {
        lock (_lock)
        {
            if (_draining || _environments > 0)
            {
                return;
            }

            _environments++;
        }

        var environment = Track(new ExecutionEnvironment(Function, _context));
        try
        {
            await Task.Yield();
            if ((await StartAsync(environment, provisioned: false)).Outcome == InvocationOutcome.Success)
            {
                Release(environment);
                return;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.ProvisionedFailed(_logger, Function.Name, Function.Version, ex.GetType().Name, ex.Message);
        }

        Discard(environment);
    }
}

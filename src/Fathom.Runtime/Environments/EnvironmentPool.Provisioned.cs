using Fathom.Runtime.Invocations;

namespace Fathom.Runtime.Environments;

/// <summary>ProvisionedConcurrencyConfig: environments started ahead of traffic, kept warm (never stopped for
/// idleness) and replaced when one breaks.</summary>
internal sealed partial class EnvironmentPool
{
    private readonly HashSet<ExecutionEnvironment> _provisioned = [];
    private Task _provisionedReady = Task.CompletedTask;

    /// <summary>How many environments to keep warm (capped by the per-function environment limit).</summary>
    private int ProvisionedTarget => Math.Min(Function.Definition.ProvisionedConcurrency ?? 0, _context.Options.MaxEnvironmentsPerFunction);

    /// <summary>Completes when the provisioned environments have started (or failed to).</summary>
    public Task ProvisionedReady => _provisionedReady;

    /// <summary>Starts the provisioned environments; call once after the pool is created.</summary>
    public void StartProvisioned()
    {
        var target = ProvisionedTarget;
        if (target > 0)
        {
            _provisionedReady = Task.WhenAll(Enumerable.Range(0, target).Select(_ => AddProvisionedAsync()));
        }
    }

    private async Task AddProvisionedAsync()
    {
        lock (_lock)
        {
            if (_draining || _provisioned.Count >= ProvisionedTarget || _environments >= _context.Options.MaxEnvironmentsPerFunction)
            {
                return;
            }

            _environments++;
        }

        var environment = Track(new ExecutionEnvironment(Function, _context));
        lock (_lock)
        {
            _provisioned.Add(environment);
        }

        try
        {
            await Task.Yield();
            var init = await StartAsync(environment, provisioned: true);
            if (init.Outcome == InvocationOutcome.Success)
            {
                Release(environment);
                return;
            }

            Log.ProvisionedFailed(_logger, Function.Name, Function.Version, init.Error?.ErrorType ?? "", init.Error?.ErrorMessage ?? "");
        }
        catch (Exception ex)
        {
            Log.ProvisionedFailed(_logger, Function.Name, Function.Version, ex.GetType().Name, ex.Message);
        }

        lock (_lock)
        {
            // A failed start is not replaced in a loop: the next call starts an on-demand environment instead.
            _provisioned.Remove(environment);
        }

        Discard(environment);
    }

    /// <summary>After a provisioned environment is gone (crash, timeout, out of memory), starts its replacement.</summary>
    private void ReplaceProvisioned(ExecutionEnvironment environment)
    {
        bool replace;
        lock (_lock)
        {
            replace = _provisioned.Remove(environment) && !_draining;
        }

        if (replace)
        {
            _ = AddProvisionedAsync();
        }
    }
}

using Fathom.Deployments.Versions;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;

namespace Fathom.Server.Environments;

/// <summary>Invokes through the runtime and loads any published version on first use from its kept artifact, so an
/// earlier version (a pinned qualifier, a rollback) is always invocable without a rebuild. Init errors go to
/// <paramref name="initFailed"/> so the console can say plainly why every request fails.</summary>
internal sealed class OnDemandInvoker(
    FunctionRuntime runtime, DeploymentStore store, string artifactsDirectory, Action<InvocationRequest, InvocationResult>? initFailed = null)
    : IFunctionInvoker
{
    private readonly Lock _loadLock = new();

    public async ValueTask<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (!runtime.IsLoaded(request.FunctionName, request.Version))
        {
            _ = EnsureLoaded(request.FunctionName, request.Version);
        }

        InvocationResult result;
        try
        {
            result = await runtime.InvokeAsync(request, cancellationToken);
        }
        catch (FunctionNotFoundException)
        {
            // Unloaded between the check and the call (a reload retiring it): load it again and retry once.
            _ = EnsureLoaded(request.FunctionName, request.Version);
            result = await runtime.InvokeAsync(request, cancellationToken);
        }

        if (result.Outcome == InvocationOutcome.InitError)
        {
            initFailed?.Invoke(request, result);
        }

        return result;
    }

    /// <summary>Loads a published version ahead of traffic and waits until its provisioned environments are warm.</summary>
    public Task PreloadAsync(string function, string version) => EnsureLoaded(function, version);

    /// <summary>Loads a published version and starts one environment for it ahead of traffic.</summary>
    public async Task PrewarmAsync(string function, string version)
    {
        await EnsureLoaded(function, version);
        await runtime.PrewarmAsync(function, version);
    }

    private Task EnsureLoaded(string function, string version)
    {
        lock (_loadLock)
        {
            if (runtime.IsLoaded(function, version))
            {
                return Task.CompletedTask;
            }

            if (!int.TryParse(version, out var number)
                || store.State.Functions.GetValueOrDefault(function)?.Version(number) is not { } published
                || PublishedConfig.FromJson(published.ConfigJson) is not { } config)
            {
                throw new FunctionNotFoundException(function, version);
            }

            var code = Path.Combine(artifactsDirectory, published.ArtifactHash, "code");
            if (!Directory.Exists(code))
            {
                throw new FunctionNotFoundException(function, version);
            }

            return runtime.LoadAsync(new FunctionDefinition
            {
                App = store.App,
                EnvironmentName = store.Environment,
                Name = function,
                Version = version,
                Runtime = config.Runtime,
                Handler = config.Handler,
                CodeDirectory = code,
                MemorySizeMb = config.MemorySizeMb,
                Timeout = TimeSpan.FromSeconds(config.TimeoutSeconds),
                Environment = config.Environment,
                LogFormat = config.LogFormat,
                ApplicationLogLevel = config.ApplicationLogLevel,
                ReservedConcurrency = config.ReservedConcurrency,
                ProvisionedConcurrency = config.ProvisionedConcurrency,
                Architectures = config.Architectures,
            });
        }
    }
}

using System.Globalization;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Functions;

namespace Fathom.Server.Environments;

/// <summary>Resolves route → alias → version from the deployment store's live snapshot (lock-free per request).</summary>
internal sealed class DeploymentResolver(DeploymentStore store) : IFunctionResolver
{
    public ValueTask<FunctionResolution?> ResolveAsync(FunctionTarget target, CancellationToken cancellationToken)
    {
        var version = store.State.Resolve(target.FunctionName, target.Qualifier);
        return ValueTask.FromResult(version is null
            ? null
            : new FunctionResolution(target.FunctionName, version.Number.ToString(CultureInfo.InvariantCulture), store.App, store.Environment));
    }
}

using System.Globalization;
using Fathom.Deployments.LambdaApi;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Functions;

namespace Fathom.Server.Environments;

/// <summary>The functions of the served app as the Invoke API and status endpoint show them: <c>$LATEST</c> is the
/// newest published version's configuration; versions and aliases come from the deployment store.</summary>
internal sealed class AppCatalog(DeploymentStore store, Func<IReadOnlyList<string>> functionNames) : IFunctionCatalog, IFunctionVersionDescriber
{
    public FunctionVersionInfo Describe(FunctionVersion version, string label) => ToVersionInfo(version, label);

    public ValueTask<IReadOnlyList<FunctionInfo>> ListFunctionsAsync(CancellationToken cancellationToken)
    {
        var state = store.State;
        IReadOnlyList<FunctionInfo> functions = functionNames()
            .Order(StringComparer.Ordinal)
            .Select(name => state.Functions.TryGetValue(name, out var deployment) ? ToInfo(deployment) : null)
            .OfType<FunctionInfo>()
            .ToList();
        return ValueTask.FromResult(functions);
    }

    public ValueTask<FunctionInfo?> GetFunctionAsync(string functionName, CancellationToken cancellationToken)
    {
        var served = functionNames().Contains(functionName, StringComparer.Ordinal);
        return ValueTask.FromResult(served && store.State.Functions.TryGetValue(functionName, out var deployment) ? ToInfo(deployment) : null);
    }

    private static FunctionInfo? ToInfo(FunctionDeployment deployment)
    {
        if (deployment.Latest is not { } latest)
        {
            return null;
        }

        var versions = deployment.Versions.Select(v => ToVersionInfo(v, v.Number.ToString(CultureInfo.InvariantCulture))).ToList();
        return new FunctionInfo
        {
            Name = deployment.Name,
            Latest = ToVersionInfo(latest, "$LATEST"),
            Versions = versions,
            Aliases = deployment.Aliases.Values
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => new FunctionAliasInfo
                {
                    Name = a.Name,
                    FunctionVersion = a.Version.ToString(CultureInfo.InvariantCulture),
                    AdditionalVersionWeights = a.Routing is { } routing
                        ? new Dictionary<string, double> { [routing.AdditionalVersion.ToString(CultureInfo.InvariantCulture)] = routing.Weight }
                        : new Dictionary<string, double>(),
                })
                .ToList(),
        };
    }

    internal static FunctionVersionInfo ToVersionInfo(FunctionVersion version, string label)
    {
        var config = PublishedConfig.FromJson(version.ConfigJson);
        return new FunctionVersionInfo
        {
            Version = label,
            Runtime = config?.Runtime ?? "",
            Handler = config?.Handler,
            MemorySizeMb = config?.MemorySizeMb ?? 128,
            TimeoutSeconds = config?.TimeoutSeconds ?? 3,
            Environment = config?.Environment ?? [],
            CodeSha256 = config?.CodeSha256,
            CodeSize = config?.CodeSize ?? 0,
            Description = version.Description ?? config?.Description,
            LastModified = version.CreatedAt,
            Role = config?.Role,
            Architectures = config?.Architectures ?? ["x86_64"],
            ReservedConcurrency = config?.ReservedConcurrency,
        };
    }
}

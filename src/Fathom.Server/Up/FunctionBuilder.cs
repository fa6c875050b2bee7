using Fathom.Apps.Overrides;
using Fathom.Apps.Resources;
using Fathom.Deployments.Versions;
using Fathom.Packaging.Artifacts;
using Fathom.Server.Environments;

namespace Fathom.Server.Up;

/// <summary>Packages a function's code and publishes it as a version (N+1 only when code or configuration changed),
/// as an AllAtOnce deploy would (DESIGN.md "Versions everywhere").</summary>
internal sealed class FunctionBuilder(ArtifactBuilder artifacts, DeploymentStore store, string dataDirectory, EnvVarsFile? envVars)
{
    /// <summary>Calls through an unqualified name or a route without AutoPublishAlias go through this alias.</summary>
    public const string DefaultAlias = Fathom.Deployments.Versions.Qualifiers.DefaultAlias;

    public async Task<BuiltFunction> BuildAsync(FunctionModel function, CancellationToken cancellationToken)
    {
        var runtime = function.Runtime ?? throw new UpException($"function '{function.Name}': no Runtime (container image functions are not supported yet)");
        var package = await artifacts.BuildAsync(new PackageRequest
        {
            FunctionName = function.Name,
            Runtime = runtime,
            CodeDirectory = CodeDirectoryOf(function),
            ArtifactsDirectory = Path.Combine(dataDirectory, "artifacts"),
        }, cancellationToken);

        var environment = envVars?.Apply(function.LogicalId, function.Name, function.Environment) ?? function.Environment;
        var config = PublishedConfig.From(function, environment, package.Hash, CodeSize(package.CodeDirectory));
        // Published ahead of the release (which finds it and reuses it), so its environment can warm before the flip.
        var (hash, json) = (config.Hash(), config.ToJson());
        var published = await store.PublishAsync(function.Name, package.Hash, hash, json, cancellationToken: cancellationToken);
        return new BuiltFunction(function, package, published.Version.Number, published.Created, function.AutoPublishAlias ?? DefaultAlias, hash, json);
    }

    private string CodeDirectoryOf(FunctionModel function)
    {
        if (function.InlineCode is not { } inline)
        {
            return function.CodeDirectory ?? throw new UpException($"function '{function.Name}': no CodeUri or InlineCode");
        }

        // Lambda stores InlineCode as index.js beside nothing else; give it a folder of its own under .fathom.
        var directory = Path.Combine(dataDirectory, "inline", function.Name);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "index.js");
        if (!File.Exists(file) || File.ReadAllText(file) != inline)
        {
            File.WriteAllText(file, inline);
        }

        return directory;
    }

    private static long CodeSize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
